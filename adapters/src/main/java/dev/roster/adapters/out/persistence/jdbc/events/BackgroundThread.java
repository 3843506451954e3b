package dev.roster.adapters.out.persistence.jdbc.events;

/**
 * The one daemon thread of a component that loops until the application stops: the sequencer's and the change
 * listener's. The loop asks {@link #running()} between rounds; {@link #stop()} clears it, interrupts the thread (to
 * cut a wait short) and waits up to 5 s for it to end.
 */
final class BackgroundThread {
    private final String name;
    private volatile boolean running;
    private Thread thread;

    BackgroundThread(String name) {
        this.name = name;
    }

    void start(Runnable loop) {
        running = true;
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    boolean running() {
        return running;
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}

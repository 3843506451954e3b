package dev.roster.bootstrap.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test helper: the receivers a test started, all stopped at once when it ends (call {@link #close()} in @AfterEach). */
public final class Receivers implements AutoCloseable {
    private final List<Receiver> started = new ArrayList<>();

    /** Starts a receiver that answers 200 until told otherwise. */
    public Receiver start() {
        try {
            Receiver receiver = new Receiver();
            started.add(receiver);
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        started.forEach(Receiver::close);
        started.clear();
    }
}

package dev.roster.bootstrap;

import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.port.in.webhooks.DispatchWebhooksUseCase;
import dev.roster.application.port.out.events.EventSequencer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that drive {@link DispatchWebhooksUseCase} on this instance: a dispatch loop that claims due deliveries
 * of each active receiver (webhook subscriptions and erasure recipients alike), as many as the receiver has free slots
 * here ({@code max-in-flight-per-subscription}, so a slow receiver holds up only its own deliveries), and hands them to
 * a pool of {@code worker-threads}; and a
 * watcher woken by the event sequencer right after new events are placed (and their deliveries enqueued in the same
 * transaction). A worker that finished a delivery claims the subscription's next due one itself, for up to a second;
 * the loop wakes when a worker gives its slot back, when the earliest retry is due, and every {@code poll-interval}
 * (deliveries that other instances enqueued or made due). A claimed delivery is attempted only while its lease outlasts
 * the attempt (10 s): one that waited longer for a worker is left for its lease to release, because by then another
 * instance could claim it and send it too.
 */
@Context
final class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration CHAIN = Duration.ofSeconds(1);
    private static final Duration FAST = Duration.ofMillis(200);
    private static final int CHAIN_BATCH = 4;
    /** The longest an attempt takes (the sender's bound on the whole exchange). */
    private static final Duration ATTEMPT = Duration.ofSeconds(10);

    private final DispatchWebhooksUseCase dispatch;
    private final EventSequencer sequencer;
    private final WebhooksProperties properties;
    private final MeterRegistry registry;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private ExecutorService workers;
    private Thread loop;
    private Thread watcher;

    WebhookDispatcher(DispatchWebhooksUseCase dispatch, EventSequencer sequencer, WebhooksProperties properties,
                      MeterRegistry registry) {
        this.dispatch = dispatch;
        this.sequencer = sequencer;
        this.properties = properties;
        this.registry = registry;
    }

    @PostConstruct
    void start() {
        Gauge.builder("roster.webhook.queue.depth", this, WebhookDispatcher::queueDepth)
                .description("Pending webhook deliveries of active subscriptions that are due")
                .register(registry);
        if (!properties.dispatcherEnabled()) {
            LOG.warn("The webhook dispatcher is disabled (roster.webhooks.dispatcher-enabled=false): this instance sends no webhooks");
            return;
        }
        running = true;
        AtomicInteger number = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.workerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "roster-webhook-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        loop = daemon(this::dispatchLoop, "roster-webhook-dispatcher");
        watcher = daemon(this::watchFeed, "roster-webhook-watcher");
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : new Thread[]{loop, watcher}) {
            if (thread != null) {
                thread.interrupt();
                thread.join(5_000);
            }
        }
        if (workers != null) {
            workers.shutdown();
            if (!workers.awaitTermination(11, TimeUnit.SECONDS)) {
                workers.shutdownNow(); // what was in flight is sent again when its lease ends
            }
        }
    }

    private double queueDepth() {
        try {
            return dispatch.queueDepth();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void dispatchLoop() {
        while (running) {
            try {
                Duration wait = properties.pollInterval();
                if (round() == 0) { // a round fills every free slot; a finished chain of sends wakes the loop again
                    Optional<Instant> next = dispatch.nextDue();
                    if (next.isPresent()) {
                        Duration until = Duration.between(Instant.now(), next.get());
                        if (!until.isNegative() && until.compareTo(wait) < 0) {
                            wait = until.plusMillis(5);
                        }
                    }
                }
                if (wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Webhook dispatch failed ({}); trying again in a second", e.getClass().getSimpleName());
                if (!sleep(Duration.ofSeconds(1))) {
                    return;
                }
            }
        }
    }

    /** Claims and hands out what is due for every active subscription with a free slot; returns how many. */
    private int round() {
        int claimed = 0;
        List<DeliveryEndpoint> subscriptions = dispatch.activeEndpoints();
        for (DeliveryEndpoint subscription : subscriptions) {
            AtomicInteger busy = inFlight.computeIfAbsent(subscription.id(), id -> new AtomicInteger());
            int free = properties.maxInFlightPerSubscription() - busy.get();
            if (free <= 0) {
                continue;
            }
            long claimedAt = System.nanoTime();
            List<WebhookDelivery> due = dispatch.claim(subscription.id(), free);
            for (WebhookDelivery delivery : due) {
                busy.incrementAndGet();
                workers.execute(() -> {
                    try {
                        sendChain(subscription, delivery, claimedAt);
                    } catch (RuntimeException e) {
                        // the database failed while recording: the lease runs out and the delivery is sent again
                        LOG.warn("Sending or recording a webhook delivery failed ({})", e.getClass().getSimpleName());
                    } finally {
                        busy.decrementAndGet();
                        wake.release();
                    }
                });
            }
            claimed += due.size();
        }
        return claimed;
    }

    /**
     * Sends the claimed delivery, then claims and sends the subscription's next due one in this worker, for at most
     * {@link #CHAIN} (so that the subscription, with its URL and secrets, is read again at least that often): a busy
     * subscription keeps its slot without a round trip through the dispatch loop for every delivery.
     */
    private void sendChain(DeliveryEndpoint subscription, WebhookDelivery first, long firstClaimedAt) {
        long until = System.nanoTime() + CHAIN.toNanos();
        List<WebhookDelivery> batch = List.of(first);
        long claimedAt = firstClaimedAt;
        while (!batch.isEmpty()) {
            long started = System.nanoTime();
            for (WebhookDelivery delivery : batch) {
                if (System.nanoTime() - claimedAt > properties.lease().minus(ATTEMPT).toNanos()) {
                    // it waited for a worker, or behind slow sends of its batch, so long that its lease could end during
                    // the attempt and another dispatcher send it too: it is left to be claimed again when the lease ends
                    return;
                }
                dispatch.attempt(subscription, delivery);
            }
            if (!running || System.nanoTime() > until) {
                return;
            }
            // a fast receiver gets a few per claim (fewer claim transactions); a slow one one at a time, so that a
            // claimed delivery is sent well within its lease
            boolean fast = System.nanoTime() - started < FAST.toNanos() * batch.size();
            claimedAt = System.nanoTime();
            batch = dispatch.claim(subscription.id(), fast ? CHAIN_BATCH : 1);
        }
    }

    private static final long COALESCE_MILLIS = 20;

    private void watchFeed() {
        long seen = -1;
        while (running) {
            try {
                if (seen < 0) {
                    seen = dispatch.enqueuedThrough();
                }
                if (sequencer.awaitBeyond(seen, Duration.ofSeconds(5))) {
                    wake.release();
                    long through = dispatch.enqueuedThrough();
                    // Coalesce: under a stream of writes the sequencer places events hundreds of times a second, and a
                    // dispatch round per placement costs a few queries each (also with no subscription at all). One
                    // round per 20 ms adds at most that to a delivery's latency. Wait longer when the enqueuer has not
                    // caught up with the sequencer, so as not to spin.
                    if (!sleep(Duration.ofMillis(through == seen ? 100 : COALESCE_MILLIS))) {
                        return;
                    }
                    seen = through;
                } else if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            } catch (RuntimeException e) {
                seen = -1;
                if (!sleep(Duration.ofSeconds(1))) {
                    return;
                }
            }
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

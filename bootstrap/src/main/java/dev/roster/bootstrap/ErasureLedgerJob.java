package dev.roster.bootstrap;

import dev.roster.adapters.out.privacy.FileErasureLedger;
import dev.roster.application.port.in.privacy.LedgerReplayReport;
import dev.roster.application.port.in.privacy.ReplayErasureLedgerUseCase;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.service.privacy.ErasureLedgerRecorder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The erasure ledger's life on this instance (ADR 0021). At start-up, before the server takes requests and before the
 * first administrator is ensured: brings the ledger up to date with the database (erasures a crash left unrecorded,
 * or made before the ledger existed), then replays it, so that a user a restored backup brought back is erased again
 * before anyone can read them. Then a thread follows the erasures committed anywhere (every instance's, through the
 * change feed), woken by the event sequencer and at least every second. Logs counts and the ledger's path only.
 */
@Singleton
@Order(-100) // before FirstAdministrator: the replay may erase the only administrator a backup held
final class ErasureLedgerJob implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureLedgerJob.class);
    private static final Duration SWEEP = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ErasureLedgerRecorder recorder;
    private final ReplayErasureLedgerUseCase replay;
    private final EventSequencer sequencer;
    private final FileErasureLedger ledger;
    private volatile boolean running;
    private volatile boolean healthy = true;
    private Thread thread;

    ErasureLedgerJob(ErasureLedgerRecorder recorder, ReplayErasureLedgerUseCase replay, EventSequencer sequencer,
                     FileErasureLedger ledger, MeterRegistry registry) {
        this.recorder = recorder;
        this.replay = replay;
        this.sequencer = sequencer;
        this.ledger = ledger;
        Gauge.builder("roster.erasure.ledger.healthy", () -> healthy ? 1 : 0)
                .description("1 while the erasure ledger keeps up with the erasures committed, 0 while appending to it fails")
                .register(registry);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            int recorded = recorder.catchUp();
            if (recorded > 0) {
                LOG.info("Erasure ledger {}: recorded {} erasure(s) the database holds and the ledger lacked", ledger.path(), recorded);
            }
        } catch (RuntimeException e) {
            healthy = false; // the replay below still runs on what the ledger holds; the thread keeps trying
            LOG.error("Erasure ledger {}: bringing it up to date failed ({}); retrying in the background", ledger.path(),
                    e.getClass().getSimpleName());
        }
        // an unreadable ledger stops the start-up: serving a restored database unchecked could serve erased people
        LedgerReplayReport report = replay.replay();
        String summary = "Erasure ledger {}: {} entries ({} lines skipped) for {} users: {} erased again, {} erased already, "
                + "{} not in the database, {} legal hold(s) lifted";
        Object[] arguments = {ledger.path(), report.entriesRead(), report.skippedLines(), report.users(), report.reErased(),
                report.alreadyErased(), report.notFound(), report.legalHoldsLifted()};
        if (report.reErased() > 0) {
            LOG.warn(summary + " (a restored backup brought them back)", arguments);
        } else {
            LOG.info(summary, arguments);
        }
        start();
    }

    private synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::follow, "roster-erasure-ledger");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private void follow() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (!backoff.isZero()) {
                    Thread.sleep(backoff.toMillis());
                }
                recorder.catchUp();
                if (!healthy) {
                    LOG.info("Erasure ledger {}: up to date again", ledger.path());
                }
                healthy = true;
                backoff = Duration.ZERO;
                sequencer.awaitBeyond(recorder.position(), SWEEP); // new events anywhere, or a sweep
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (healthy) {
                    LOG.error("Erasure ledger {}: recording erasures failed ({}); retrying with backoff", ledger.path(),
                            e.getClass().getSimpleName());
                }
                healthy = false;
                backoff = backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package dev.roster.bootstrap;

import dev.roster.application.model.recipients.ConfirmationCounts;
import dev.roster.application.port.in.recipients.CountErasureConfirmationsUseCase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

import java.util.function.ToLongFunction;

/**
 * The unconfirmed erasure requests at /prometheus: {@code roster_erasure_requests_pending} (the delivery has not given
 * up), {@code roster_erasure_requests_failed} (it has) and {@code roster_erasure_requests_overdue} (of both, those asked
 * longer ago than {@code roster.erasure.confirmation-window}). One query serves the three gauges of a scrape.
 */
@Context
final class ErasureRequestGauges {
    private static final long FRESH_NANOS = 1_000_000_000L;

    private final CountErasureConfirmationsUseCase counts;
    private final MeterRegistry registry;
    private ConfirmationCounts last;
    private long lastAt;

    ErasureRequestGauges(CountErasureConfirmationsUseCase counts, MeterRegistry registry) {
        this.counts = counts;
        this.registry = registry;
    }

    @PostConstruct
    void register() {
        gauge("roster.erasure.requests.pending", "Erasure requests not confirmed yet whose delivery has not given up",
                ConfirmationCounts::pending);
        gauge("roster.erasure.requests.failed", "Erasure requests not confirmed whose delivery gave up", ConfirmationCounts::failed);
        gauge("roster.erasure.requests.overdue", "Erasure requests not confirmed within roster.erasure.confirmation-window",
                ConfirmationCounts::overdue);
    }

    private void gauge(String name, String description, ToLongFunction<ConfirmationCounts> value) {
        Gauge.builder(name, this, gauges -> gauges.read(value)).description(description).register(registry);
    }

    private synchronized double read(ToLongFunction<ConfirmationCounts> value) {
        try {
            if (last == null || System.nanoTime() - lastAt > FRESH_NANOS) {
                last = counts.counts();
                lastAt = System.nanoTime();
            }
            return value.applyAsLong(last);
        } catch (RuntimeException e) {
            return Double.NaN; // the database is down: the scrape goes on
        }
    }
}

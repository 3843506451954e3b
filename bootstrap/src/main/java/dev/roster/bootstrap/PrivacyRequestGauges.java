package dev.roster.bootstrap;

import dev.roster.application.model.privacy.PrivacyRequestCounts;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.port.in.privacy.CountPrivacyRequestsUseCase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The open and overdue privacy requests at /prometheus, by type: {@code roster_privacy_requests_open{type}} and
 * {@code roster_privacy_requests_overdue{type}}. One scrape reads all twelve gauges; they share one count, made at most
 * once a second, so a scrape costs one small query. NaN while the database cannot be reached.
 */
@Context
final class PrivacyRequestGauges {
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final CountPrivacyRequestsUseCase counts;
    private final MeterRegistry registry;
    private PrivacyRequestCounts last;
    private long lastAt;

    PrivacyRequestGauges(CountPrivacyRequestsUseCase counts, MeterRegistry registry) {
        this.counts = counts;
        this.registry = registry;
    }

    @PostConstruct
    void register() {
        for (PrivacyRequestType type : PrivacyRequestType.values()) {
            gauge("roster.privacy.requests.open", "Open privacy requests (RECEIVED, IN_PROGRESS, EXTENDED)", type,
                    PrivacyRequestCounts::open);
            gauge("roster.privacy.requests.overdue", "Open privacy requests past their due date", type, PrivacyRequestCounts::overdue);
        }
    }

    private void gauge(String name, String description, PrivacyRequestType type,
                       Function<PrivacyRequestCounts, Map<PrivacyRequestType, Long>> figure) {
        Gauge.builder(name, this, gauges -> gauges.value(type, figure))
                .description(description)
                .tag("type", type.name())
                .register(registry);
    }

    private synchronized double value(PrivacyRequestType type, Function<PrivacyRequestCounts, Map<PrivacyRequestType, Long>> figure) {
        long now = System.nanoTime();
        try {
            if (last == null || now - lastAt > FRESH.toNanos()) {
                last = counts.count();
                lastAt = now;
            }
        } catch (RuntimeException e) {
            last = null;
            return Double.NaN;
        }
        return figure.apply(last).getOrDefault(type, 0L);
    }
}

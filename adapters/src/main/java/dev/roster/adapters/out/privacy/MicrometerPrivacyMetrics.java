package dev.roster.adapters.out.privacy;

import dev.roster.application.model.privacy.PrivacyRequestStatus;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.port.out.privacy.PrivacyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The time from receipt to answer of privacy requests at /prometheus:
 * {@code roster_privacy_request_duration_seconds{type, outcome=completed|refused}} with buckets that match the deadline
 * rule (a day, a week, two weeks, a month, two and three months), so "answered within a month" can be read off. The
 * open and overdue gauges are registered in bootstrap ({@code PrivacyRequestGauges}), which owns their query.
 */
@Singleton
final class MicrometerPrivacyMetrics implements PrivacyMetrics {
    private static final Duration[] BUCKETS = {Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(14),
            Duration.ofDays(31), Duration.ofDays(62), Duration.ofDays(92)};

    private final MeterRegistry registry;

    MicrometerPrivacyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void closed(PrivacyRequestType type, PrivacyRequestStatus outcome, Duration sinceReceived) {
        if (sinceReceived.isNegative()) {
            return;
        }
        Timer.builder("roster.privacy.request.duration")
                .description("Time from a privacy request's receipt to its completion or refusal")
                .tag("type", type.name())
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(sinceReceived);
    }
}

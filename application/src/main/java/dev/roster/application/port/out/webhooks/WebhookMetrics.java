package dev.roster.application.port.out.webhooks;

import java.time.Duration;
import java.util.Optional;

/** Counts delivery outcomes for operators (the adapter publishes them at /prometheus). */
public interface WebhookMetrics {

    /** A delivery was accepted; {@code sinceCommit} is the time from its change event's commit (absent for pings and erasure requests). */
    void delivered(Optional<Duration> sinceCommit);

    /** An attempt failed and another is scheduled. */
    void retried();

    /** An attempt failed and the delivery is given up (or the subscription answered 410). */
    void failed();
}

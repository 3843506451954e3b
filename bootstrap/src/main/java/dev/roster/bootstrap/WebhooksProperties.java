package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code roster.webhooks} (values in application.yml; {@code allow-private-targets} is read by the sender in adapters).
 *
 * @param retryDelays                the wait after each failed attempt; after the last one's attempt fails, the delivery is failed
 * @param jitter                     each wait is spread by up to this fraction either way
 * @param workerThreads              deliveries sent at once by this instance
 * @param maxInFlightPerSubscription deliveries of one subscription sent at once by this instance (a slow receiver holds
 *                                   at most this many workers)
 * @param pollInterval               how often the dispatcher looks for due deliveries when nothing woke it
 * @param lease                      how long a claimed delivery stays claimed; one whose claimer died is sent again after it
 * @param dispatcherEnabled          false: this instance sends nothing (deliveries wait for another instance)
 */
@ConfigurationProperties("roster.webhooks")
record WebhooksProperties(List<Duration> retryDelays, double jitter, int workerThreads, int maxInFlightPerSubscription,
                          Duration pollInterval, Duration lease, boolean dispatcherEnabled) {
    WebhooksProperties {
        retryDelays = List.copyOf(retryDelays);
        if (workerThreads < 1 || maxInFlightPerSubscription < 1) {
            throw new IllegalArgumentException("roster.webhooks.worker-threads and max-in-flight-per-subscription must be at least 1");
        }
        if (lease.compareTo(Duration.ofSeconds(15)) < 0) {
            throw new IllegalArgumentException("roster.webhooks.lease must outlast an attempt (10 s): at least 15 s");
        }
    }
}

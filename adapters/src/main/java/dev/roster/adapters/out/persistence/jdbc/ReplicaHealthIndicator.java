package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read replica in {@code /health}: always UP (reads fall back to the primary, so the instance serves every request
 * while the replica is away), with the replica's state as details for operators: {@code available}, {@code lagSeconds}
 * (as of the last probe) and {@code fallbacks} (reads the primary served instead).
 */
@Singleton
@Requires(beans = {HealthEndpoint.class, Replica.class})
final class ReplicaHealthIndicator implements HealthIndicator {
    private final Replica replica;

    ReplicaHealthIndicator(Replica replica) {
        this.replica = replica;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("available", replica.up());
        details.put("lagSeconds", replica.lagSeconds());
        details.put("fallbacks", (long) replica.fallbacks());
        return Mono.just(HealthResult.builder("readReplica", HealthStatus.UP).details(details).build());
    }
}

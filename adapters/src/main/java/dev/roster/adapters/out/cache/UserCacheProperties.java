package dev.roster.adapters.out.cache;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code roster.cache.users}: the read cache of users and token checks (values and their meaning in
 * application.yml and docs/operations.md).
 *
 * @param enabled          off makes every read go to the database
 * @param maximumSize      entries per cache (views and principals each)
 * @param expireAfterWrite how long an entry lives: the bound on staleness when another instance changes the user
 */
@ConfigurationProperties("roster.cache.users")
public record UserCacheProperties(boolean enabled, long maximumSize, Duration expireAfterWrite) {
}

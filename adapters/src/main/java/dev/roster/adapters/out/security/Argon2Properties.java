package dev.roster.adapters.out.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.passwords.argon2}: the Argon2id cost of new hashes (values in application.yml); a stored hash with
 * other parameters is rehashed at its next successful login.
 */
@ConfigurationProperties("roster.passwords.argon2")
public record Argon2Properties(int memoryKib, int iterations, int parallelism) {
}

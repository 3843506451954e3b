package dev.roster.adapters.in.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.security}.
 *
 * @param jwtSecret the HMAC key of bearer tokens, at least 32 bytes; blank means a random key for this process only
 */
@ConfigurationProperties("roster.security")
public record TokenProperties(String jwtSecret) {
}

package dev.roster.adapters.in.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code roster.security}.
 *
 * @param jwtSecret the HMAC key of bearer tokens, at least 32 bytes; blank means a random key for this process only
 * @param clockSkew how far in the future a token's {@code iat} or {@code nbf} may be (clocks of instances that share
 *                  the key may disagree a little)
 */
@ConfigurationProperties("roster.security")
public record TokenProperties(String jwtSecret, Duration clockSkew) {
}

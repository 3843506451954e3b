package dev.roster.adapters.in.http.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The claims every accepted token must have, beyond a valid signature: an expiry ({@code exp}, in the future), an
 * issue time ({@code iat}) and, if present, a {@code nbf} that are not in the future by more than the allowed clock
 * skew, this service as issuer ({@code iss} = {@code micronaut.application.name}, what the generator writes), and a
 * session generation ({@link SessionTokens}). The framework's own checks accept a token without {@code exp} and
 * ignore {@code iat} and {@code iss}.
 */
@Singleton
final class TokenClaimsValidator<T> implements GenericJwtClaimsValidator<T> {
    private final String issuer;
    private final Duration skew;
    private final Clock clock;

    @Inject
    TokenClaimsValidator(ApplicationConfiguration application, TokenProperties properties) {
        this(application.getName().orElseThrow(() -> new IllegalStateException(
                "micronaut.application.name is the tokens' issuer and must be set")), properties.clockSkew(), Clock.systemUTC());
    }

    TokenClaimsValidator(String issuer, Duration skew, Clock clock) {
        this.issuer = issuer;
        this.skew = skew;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        JWTClaimsSet set = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims);
        if (set == null) {
            return false;
        }
        Instant now = clock.instant();
        Instant latestAcceptable = now.plus(skew);
        return isAfter(set.getExpirationTime(), now)
                && notAfter(set.getIssueTime(), latestAcceptable)
                && (set.getNotBeforeTime() == null || notAfter(set.getNotBeforeTime(), latestAcceptable))
                && issuer.equals(set.getIssuer())
                && SessionTokens.isGeneration(claims.get(SessionTokens.SESSION_GENERATION_CLAIM));
    }

    private static boolean isAfter(Date time, Instant instant) {
        return time != null && time.toInstant().isAfter(instant);
    }

    private static boolean notAfter(Date time, Instant instant) {
        return time != null && !time.toInstant().isAfter(instant);
    }
}

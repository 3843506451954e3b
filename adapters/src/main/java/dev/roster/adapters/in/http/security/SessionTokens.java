package dev.roster.adapters.in.http.security;

import dev.roster.application.model.access.Principal;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues a principal's bearer token and reads back the generation of sessions it was issued in. The token's subject is
 * the user id, it carries the roles (informative only: authorization uses the roles stored now) and the
 * {@value #SESSION_GENERATION_CLAIM} claim, which must still be the user's generation for the token to be accepted
 * (ADR 0016). It carries no personal data.
 */
@Singleton
public final class SessionTokens {
    /** The generation of the user's sessions the token was issued in. */
    static final String SESSION_GENERATION_CLAIM = "sgen";

    private final TokenGenerator generator;
    private final AccessTokenConfiguration configuration;

    SessionTokens(TokenGenerator generator, AccessTokenConfiguration configuration) {
        this.generator = generator;
        this.configuration = configuration;
    }

    /** A signed token for {@code principal}, valid for the configured lifetime. */
    public Issued issue(Principal principal) {
        int expiresIn = configuration.getExpiration();
        List<String> roles = principal.roles().stream().map(Enum::name).sorted().toList();
        Authentication authentication = Authentication.build(principal.id().toString(), roles,
                Map.of(SESSION_GENERATION_CLAIM, principal.sessionGeneration()));
        String token = generator.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("the token generator produced no token"));
        return new Issued(token, expiresIn);
    }

    /** The generation claimed by a validated token; empty when the claim is missing or not a whole number. */
    static Optional<Long> generationOf(Authentication authentication) {
        Object claim = authentication.getAttributes().get(SESSION_GENERATION_CLAIM);
        return isGeneration(claim) ? Optional.of(((Number) claim).longValue()) : Optional.empty();
    }

    /** A generation is a whole number (JSON numbers with a fraction or out of range parse as other types). */
    static boolean isGeneration(Object claim) {
        return claim instanceof Long || claim instanceof Integer;
    }

    /** A token and its lifetime in seconds. */
    public record Issued(String token, int expiresIn) {
    }
}

package dev.roster.adapters.in.http.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC-SHA256 key that signs and verifies bearer tokens, from {@code roster.security.jwt-secret}
 * ({@code ROSTER_JWT_SECRET}, at least 256 bits). Without one, a random key is generated and a warning logged:
 * fine for a developer, but tokens then die with the process and are not shared between instances.
 */
@Factory
final class JwtSigningFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSigningFactory.class);
    private static final int MIN_SECRET_BYTES = 32;

    /**
     * Declared as the interface on purpose: a factory method's return type lends its class annotations to the bean,
     * and SecretSignatureConfiguration's (@EachProperty) would make this bean wait for configuration that never comes.
     */
    @Context
    @Named("generator")
    SignatureGeneratorConfiguration tokenSignature(TokenProperties properties) {
        String secret = properties.jwtSecret();
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("No ROSTER_JWT_SECRET configured: signing tokens with a random key. Tokens will not survive a "
                    + "restart nor work across instances; set ROSTER_JWT_SECRET (at least 32 bytes) in production.");
        } else if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("ROSTER_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes (256 bits)");
        }
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(secret);
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(configuration);
    }
}

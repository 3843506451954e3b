package dev.roster.adapters.out.security;

import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PasswordHasher} with Argon2id (spring-security-crypto over BouncyCastle). Defaults are OWASP's minimum:
 * 19 MiB, 2 iterations, 1 lane, 16-byte salt, 32-byte hash. Hashes are PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}); a stored hash with weaker parameters needs a rehash.
 */
@Singleton
final class Argon2PasswordHasher implements PasswordHasher {
    private static final Pattern PARAMETERS = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

    private final Argon2PasswordEncoder encoder;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    Argon2PasswordHasher(@Value("${roster.passwords.argon2.memory-kib:19456}") int memoryKib,
                         @Value("${roster.passwords.argon2.iterations:2}") int iterations,
                         @Value("${roster.passwords.argon2.parallelism:1}") int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.encoder = new Argon2PasswordEncoder(16, 32, parallelism, memoryKib, iterations);
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        return new PasswordHash(encoder.encode(password.value()));
    }

    @Override
    public boolean matches(PlainPassword password, PasswordHash hash) {
        try {
            return encoder.matches(password.value(), hash.value());
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        Matcher parameters = PARAMETERS.matcher(hash.value());
        if (!parameters.find()) {
            return true; // another algorithm (e.g. an imported bcrypt hash) or argon2i/d
        }
        return Integer.parseInt(parameters.group(1)) < memoryKib
                || Integer.parseInt(parameters.group(2)) < iterations
                || Integer.parseInt(parameters.group(3)) < parallelism;
    }
}

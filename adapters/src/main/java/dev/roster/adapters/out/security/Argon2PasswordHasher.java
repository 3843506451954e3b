package dev.roster.adapters.out.security;

import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;
import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PasswordHasher} with Argon2id (spring-security-crypto over BouncyCastle). Defaults are OWASP's minimum:
 * 19 MiB, 2 iterations, 1 lane, 16-byte salt, 32-byte hash. Hashes are PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}); a stored hash with weaker parameters needs a rehash.
 *
 * <p>It also verifies hashes imported from other systems: Argon2id PHC strings of other parameters and bcrypt
 * ({@code $2a$}, {@code $2b$}, {@code $2y$}). Those always need a rehash, so a migrated user's hash becomes
 * today's Argon2id at their first login. Imported costs are bounded ({@link #canVerify}) because every login pays them.
 */
@Singleton
final class Argon2PasswordHasher implements PasswordHasher {
    private static final Pattern PARAMETERS = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");
    /** A whole Argon2id PHC string: salt of at least 8 bytes and hash of at least 16, in unpadded base64. */
    private static final Pattern ARGON2ID = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,3})\\$[A-Za-z0-9+/]{11,88}\\$[A-Za-z0-9+/]{22,172}$");
    /** Modular-crypt bcrypt: cost, 22 characters of salt, 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}$");
    /** The largest imported costs a login may pay: 128 MiB and 10 passes of Argon2id, bcrypt cost 14. */
    private static final int MAX_MEMORY_KIB = 131_072;
    private static final int MAX_ITERATIONS = 10;
    private static final int MAX_PARALLELISM = 8;
    private static final int MAX_BCRYPT_COST = 14;

    private final Argon2PasswordEncoder encoder;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    Argon2PasswordHasher(Argon2Properties cost) {
        this.memoryKib = cost.memoryKib();
        this.iterations = cost.iterations();
        this.parallelism = cost.parallelism();
        this.encoder = new Argon2PasswordEncoder(16, 32, this.parallelism, this.memoryKib, this.iterations);
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        return new PasswordHash(encoder.encode(password.value()));
    }

    @Override
    public boolean matches(PlainPassword password, PasswordHash hash) {
        try {
            if (BCRYPT.matcher(hash.value()).matches()) {
                return bcrypt.matches(password.value(), hash.value());
            }
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

    @Override
    public boolean canVerify(PasswordHash hash) {
        Matcher argon2 = ARGON2ID.matcher(hash.value());
        if (argon2.matches()) {
            int memory = Integer.parseInt(argon2.group(1));
            int passes = Integer.parseInt(argon2.group(2));
            int lanes = Integer.parseInt(argon2.group(3));
            return lanes >= 1 && lanes <= MAX_PARALLELISM && memory >= 8 * lanes && memory <= MAX_MEMORY_KIB
                    && passes >= 1 && passes <= MAX_ITERATIONS;
        }
        Matcher bcryptHash = BCRYPT.matcher(hash.value());
        if (bcryptHash.matches()) {
            int cost = Integer.parseInt(bcryptHash.group(1));
            return cost >= 4 && cost <= MAX_BCRYPT_COST;
        }
        return false;
    }
}

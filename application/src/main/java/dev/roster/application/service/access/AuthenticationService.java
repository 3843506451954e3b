package dev.roster.application.service.access;

import dev.roster.application.service.audit.Auditor;
import dev.roster.application.port.in.access.AuthenticateUserCommand;
import dev.roster.application.port.in.access.AuthenticateUserUseCase;
import dev.roster.application.port.in.access.AuthenticationFailedException;
import dev.roster.application.model.access.Principal;
import dev.roster.application.port.in.access.ResolvePrincipalUseCase;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.CaseFold;
import dev.roster.domain.user.DomainException;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;

import java.time.Clock;
import java.util.Map;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Login and the per-request check of who a token's subject is now. A failed login looks the same whatever the
 * reason, and costs the same: a password is hashed even when the email has no account.
 * <p>
 * Login limits (ADR 0015), keyed on the email as typed (folded, digested), whether it has an account or not, so they
 * reveal nothing: every attempt counts against its client; failures, not successes, count against the
 * (email, client) pair, and a pair that has used up its failures is refused before its password is checked, right
 * or wrong. Failures also count against the email from all clients; once those are used up the account is under
 * attack, and each further failure uses up its pair's whole budget. No client is ever refused because of what other
 * clients did, so an attacker cannot lock the owner out.
 */
public final class AuthenticationService implements AuthenticateUserUseCase, ResolvePrincipalUseCase {
    private final UserRepository users;
    private final UserQueries queries;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;
    private volatile PasswordHash dummyHash;
    private final UserReadCache cache;
    /**
     * Secret salt of the email digests that key login limits: a list of addresses cannot be matched to them. Instances
     * that share their limits must share it (ADR 0023).
     */
    private final byte[] limiterSalt;

    /** With a salt of this process's own: its login limits cannot be shared with other instances. */
    public AuthenticationService(UserRepository users, UserQueries queries, PasswordHasher hasher, RateLimiter rateLimiter,
                                 TransactionBoundary transactions, Clock clock, Auditor auditor, UserReadCache cache) {
        this(users, queries, hasher, rateLimiter, transactions, clock, auditor, cache, randomSalt());
    }

    /** With the salt of the email digests every instance that shares the limits uses (at least 16 bytes). */
    public AuthenticationService(UserRepository users, UserQueries queries, PasswordHasher hasher, RateLimiter rateLimiter,
                                 TransactionBoundary transactions, Clock clock, Auditor auditor, UserReadCache cache,
                                 byte[] limiterSalt) {
        if (limiterSalt.length < 16) {
            throw new IllegalArgumentException("the limiter salt must have at least 16 bytes");
        }
        this.limiterSalt = limiterSalt.clone();
        this.cache = Objects.requireNonNull(cache, "cache");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.users = Objects.requireNonNull(users, "users");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verified against when the email has no account, so that unknown emails take as long as wrong passwords. Made at
     * the first login that needs it, not at start-up: an Argon2id hash in a JVM that has compiled nothing yet took a
     * few hundred milliseconds of every start.
     */
    private PasswordHash dummyHash() {
        PasswordHash made = dummyHash;
        if (made == null) {
            synchronized (this) {
                made = dummyHash;
                if (made == null) {
                    made = hasher.hash(new PlainPassword("roster-timing-equaliser-" + System.nanoTime()));
                    dummyHash = made;
                }
            }
        }
        return made;
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    @Override
    public Principal authenticate(AuthenticateUserCommand command) {
        rateLimiter.acquire(RateLimitedAction.LOGIN_PER_CLIENT, command.clientAddress());
        String account = digest(CaseFold.fold(command.email().strip()));
        // the account digest has a fixed length, so no email and client can run into another pair's key
        String accountFromClient = digest(account + command.clientAddress());
        rateLimiter.check(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, accountFromClient);
        Optional<User> found = parseEmail(command.email()).flatMap(email -> transactions.readOnly(() -> users.findByEmail(email)));
        Optional<PasswordHash> hash = found.flatMap(User::passwordHash);
        boolean matches = hasher.matches(command.password(), hash.orElseGet(this::dummyHash));
        Actor caller = auditor.currentActor();
        if (found.isEmpty() || hash.isEmpty() || !matches || found.get().status() != UserStatus.ACTIVE) {
            // audited by reason; the email itself is personal data and stays out of the trail
            String reason = found.isEmpty() ? "unknown-account" : hash.isEmpty() ? "no-password"
                    : !matches ? "wrong-password" : "inactive";
            countFailure(account, accountFromClient);
            transactions.inTransaction(() -> auditor.record(caller, AuditAction.LOGIN_FAILED,
                    found.map(User::id).orElse(null), Map.of("reason", reason)));
            throw new AuthenticationFailedException();
        }
        User user = found.get();
        Actor asUser = new Actor(Optional.of(user.id()), caller.clientAddress());
        transactions.inTransaction(() -> {
            users.recordLogin(user.id(), clock.instant());
            auditor.record(asUser, AuditAction.LOGIN_SUCCEEDED, user.id(), Map.of());
        });
        if (hasher.needsRehash(hash.get())) {
            try {
                rehash(user.id(), hash.get(), command.password());
            } catch (DomainException raceLost) {
                // the user changed meanwhile; the next login upgrades the hash
            }
        }
        return new Principal(user.id(), user.roles(), user.sessionGeneration());
    }

    /** A failed login, counted for the pair and the account; an account under attack leaves the pair no more tries. */
    private void countFailure(String account, String accountFromClient) {
        if (rateLimiter.record(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT, account)) {
            rateLimiter.record(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, accountFromClient);
        } else {
            rateLimiter.drain(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, accountFromClient);
        }
    }

    @Override
    public Optional<Principal> resolve(UserId id) {
        return cache.principal(id, key -> transactions.readOnly(() -> queries.findActivePrincipal(key)));
    }

    /** Stores a hash with today's parameters; skipped when the password changed meanwhile. */
    private void rehash(UserId id, PasswordHash old, PlainPassword password) {
        PasswordHash upgraded = hasher.hash(password);
        transactions.inTransaction(() -> users.findById(id)
                .filter(user -> user.passwordHash().filter(old::equals).isPresent())
                .ifPresent(user -> {
                    user.upgradePasswordHash(upgraded, clock.instant());
                    users.update(user);
                }));
    }

    private static Optional<Email> parseEmail(String text) {
        try {
            return Optional.of(new Email(text));
        } catch (DomainException e) {
            return Optional.empty();
        }
    }

    /** Limiter keys for emails are salted digests: the limiter's memory holds no email addresses. */
    private String digest(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(limiterSalt);
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}

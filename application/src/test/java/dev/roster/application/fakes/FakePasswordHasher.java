package dev.roster.application.fakes;

import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast, deterministic stand-in for Argon2id: "fake:v<cost>:" + the reversed password. Counts how often it hashed
 * and verified, so tests can check that unknown emails cost a verification too.
 */
public final class FakePasswordHasher implements PasswordHasher {
    private final AtomicInteger hashes = new AtomicInteger();
    private final AtomicInteger verifications = new AtomicInteger();
    private volatile int cost = 1;

    @Override
    public PasswordHash hash(PlainPassword password) {
        hashes.incrementAndGet();
        return new PasswordHash("fake:v" + cost + ":" + new StringBuilder(password.value()).reverse());
    }

    @Override
    public boolean matches(PlainPassword password, PasswordHash hash) {
        verifications.incrementAndGet();
        String value = hash.value();
        int secondColon = value.indexOf(':', 5);
        return value.startsWith("fake:v") && secondColon > 0
                && value.substring(secondColon + 1).equals(new StringBuilder(password.value()).reverse().toString());
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return !hash.value().startsWith("fake:v" + cost + ":");
    }

    /** Fake hashes of any cost, nothing else. */
    @Override
    public boolean canVerify(PasswordHash hash) {
        return hash.value().matches("fake:v[0-9]+:.*");
    }

    /** Raises the "parameters": hashes made before now need a rehash. */
    public void raiseCost() {
        cost++;
    }

    public int hashes() {
        return hashes.get();
    }

    public int verifications() {
        return verifications.get();
    }
}

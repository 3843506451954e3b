package dev.roster.adapters.out.security;

import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2PasswordHasherTest {
    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher(19456, 2, 1);
    private final PlainPassword password = new PlainPassword("correct horse battery staple");

    @Test
    void producesSaltedArgon2idPhcStringsWithTheConfiguredParameters() {
        PasswordHash first = hasher.hash(password);
        PasswordHash second = hasher.hash(password);

        assertThat(first.value()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second); // a fresh salt each time
        assertThat(first.value()).doesNotContain(password.value());
    }

    @Test
    void matchesOnlyTheRightPassword() {
        PasswordHash hash = hasher.hash(password);

        assertThat(hasher.matches(password, hash)).isTrue();
        assertThat(hasher.matches(new PlainPassword("correct horse battery stapl"), hash)).isFalse();
    }

    @Test
    void aMalformedOrForeignHashNeverMatchesAndNeverThrows() {
        assertThat(hasher.matches(password, new PasswordHash("not a hash"))).isFalse();
        assertThat(hasher.matches(password, new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$AAAA"))).isFalse();
    }

    @Test
    void hashesWithWeakerParametersOrAnotherAlgorithmNeedARehash() {
        PasswordHash weaker = new Argon2PasswordHasher(8192, 1, 1).hash(password);

        assertThat(hasher.needsRehash(hasher.hash(password))).isFalse();
        assertThat(hasher.needsRehash(weaker)).isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("$2a$10$abcdefghijklmnopqrstuu5Zq6Rr1b8vHj2x8w2o7C0w6a1cJ4qS2"))).isTrue();
        assertThat(hasher.matches(password, weaker)).isTrue(); // still verifiable, so a login can upgrade it
    }
}

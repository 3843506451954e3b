package dev.roster.adapters.out.security;

import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2PasswordHasherTest {
    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher(new Argon2Properties(19456, 2, 1));
    private final PlainPassword password = new PlainPassword("correct horse battery staple");
    private final PlainPassword wrongPassword = new PlainPassword("correct horse battery stapl");

    /** A hash as another system made it: Argon2id with 4 MiB (small, for speed), 3 passes, 1 lane. */
    private static final String OTHER_ARGON2ID = new Argon2PasswordEncoder(16, 32, 1, 4096, 3)
            .encode("correct horse battery staple");
    /** bcrypt at the lowest cost, for speed; canVerify reads only the cost, so other costs are written into it. */
    private static final String BCRYPT = new BCryptPasswordEncoder(4).encode("correct horse battery staple");

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
        PasswordHash weaker = new Argon2PasswordHasher(new Argon2Properties(8192, 1, 1)).hash(password);

        assertThat(hasher.needsRehash(hasher.hash(password))).isFalse();
        assertThat(hasher.needsRehash(weaker)).isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("$2a$10$abcdefghijklmnopqrstuu5Zq6Rr1b8vHj2x8w2o7C0w6a1cJ4qS2"))).isTrue();
        assertThat(hasher.matches(password, weaker)).isTrue(); // still verifiable, so a login can upgrade it
    }

    @Nested
    class ImportedBcrypt {
        @ParameterizedTest
        @EnumSource(BCryptPasswordEncoder.BCryptVersion.class)
        void matchesOnlyTheRightPassword(BCryptPasswordEncoder.BCryptVersion version) {
            PasswordHash hash = new PasswordHash(new BCryptPasswordEncoder(version, 4).encode(password.value()));

            assertThat(hash.value()).startsWith(version.getVersion() + "$04$");
            assertThat(hasher.matches(password, hash)).isTrue();
            assertThat(hasher.matches(wrongPassword, hash)).isFalse();
        }

        @Test
        void matchesAHashOfCostTen() {
            PasswordHash hash = new PasswordHash(new BCryptPasswordEncoder(10).encode(password.value()));

            assertThat(hasher.matches(password, hash)).isTrue();
            assertThat(hasher.matches(wrongPassword, hash)).isFalse();
        }

        @Test
        void alwaysNeedsARehash() {
            assertThat(hasher.needsRehash(new PasswordHash(BCRYPT))).isTrue();
        }
    }

    @Nested
    class ImportedArgon2id {
        @Test
        void aHashWithOtherParametersMatchesOnlyItsPassword() {
            PasswordHash hash = new PasswordHash(OTHER_ARGON2ID);

            assertThat(hash.value()).startsWith("$argon2id$v=19$m=4096,t=3,p=1$");
            assertThat(hasher.matches(password, hash)).isTrue();
            assertThat(hasher.matches(wrongPassword, hash)).isFalse();
        }

        @Test
        void aHashWithAShortSaltAndHashMatchesItsPassword() {
            PasswordHash hash = new PasswordHash(new Argon2PasswordEncoder(8, 16, 2, 1024, 1).encode(password.value()));

            assertThat(hasher.canVerify(hash)).isTrue();
            assertThat(hasher.matches(password, hash)).isTrue();
            assertThat(hasher.matches(wrongPassword, hash)).isFalse();
        }

        @Test
        void aWeakerHashNeedsARehash() {
            assertThat(hasher.needsRehash(new PasswordHash(OTHER_ARGON2ID))).isTrue();
        }
    }

    @Nested
    class CanVerify {
        private boolean canVerify(String hash) {
            return hasher.canVerify(new PasswordHash(hash));
        }

        private static String withArgon2Parameters(String parameters) {
            return OTHER_ARGON2ID.replace("m=4096,t=3,p=1", parameters);
        }

        private static String withBcryptCost(String cost) {
            return BCRYPT.substring(0, 4) + cost + BCRYPT.substring(6);
        }

        @Test
        void acceptsItsOwnHashes() {
            assertThat(hasher.canVerify(new Argon2PasswordHasher(new Argon2Properties(1024, 1, 1)).hash(password))).isTrue();
        }

        @Test
        void acceptsArgon2idHashesOfOtherParameters() {
            assertThat(canVerify(OTHER_ARGON2ID)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"m=8,t=1,p=1", "m=131072,t=10,p=8", "m=64,t=1,p=8", "m=19456,t=2,p=1"})
        void acceptsArgon2idParametersUpToTheLimits(String parameters) {
            assertThat(canVerify(withArgon2Parameters(parameters))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"m=131073,t=3,p=1", "m=1048576,t=3,p=1", "m=4096,t=11,p=1", "m=4096,t=3,p=9", "m=4096,t=0,p=1",
                "m=4096,t=3,p=0", "m=15,t=1,p=2"})
        void refusesArgon2idParametersBeyondTheLimits(String parameters) {
            assertThat(canVerify(withArgon2Parameters(parameters))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"$argon2i$", "$argon2d$"})
        void refusesOtherArgon2Variants(String variant) {
            assertThat(canVerify(OTHER_ARGON2ID.replace("$argon2id$", variant))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"$2a$", "$2b$", "$2y$"})
        void acceptsEveryBcryptVariant(String prefix) {
            assertThat(canVerify(prefix + BCRYPT.substring(4))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"04", "05", "10", "12", "13", "14"})
        void acceptsBcryptCostsFromFourToFourteen(String cost) {
            assertThat(canVerify(withBcryptCost(cost))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"15", "20", "31", "99", "03", "00"})
        void refusesBcryptCostsOutsideFourToFourteen(String cost) {
            assertThat(canVerify(withBcryptCost(cost))).isFalse();
        }

        @Test
        void refusesMalformedPhcStrings() {
            String salt = OTHER_ARGON2ID.split("\\$")[4];
            String hash = OTHER_ARGON2ID.split("\\$")[5];

            assertThat(canVerify("$argon2id$v=19$m=4096,t=3,p=1$" + salt)).as("no hash").isFalse();
            assertThat(canVerify("$argon2id$m=4096,t=3,p=1$" + salt + "$" + hash)).as("no version").isFalse();
            assertThat(canVerify("$argon2id$v=16$m=4096,t=3,p=1$" + salt + "$" + hash)).as("version 1.0").isFalse();
            assertThat(canVerify("$argon2id$v=19$t=3,m=4096,p=1$" + salt + "$" + hash)).as("parameters out of order").isFalse();
            assertThat(canVerify("$argon2id$v=19$m=4096,t=3,p=1$AAAA$" + hash)).as("salt too short").isFalse();
            assertThat(canVerify("$argon2id$v=19$m=4096,t=3,p=1$" + salt + "$AAAA")).as("hash too short").isFalse();
            assertThat(canVerify("$argon2id$v=19$m=4096,t=3,p=1$" + salt + "$" + hash + "==")).as("padded").isFalse();
            assertThat(canVerify("$argon2id$v=19$m=4096,t=3,p=1$" + salt + "$" + hash + "$")).as("trailing").isFalse();
            assertThat(canVerify(" " + OTHER_ARGON2ID)).as("leading space").isFalse();
            assertThat(canVerify("$argon2id$v=19$m=4096,t=3,p=1$" + salt + "!$" + hash)).as("not base64").isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"correct horse battery staple", "fake", "$2a$10$fake", "$argon2id$fake", "$2x$10$abcdefghijklmnopqrstuu5Zq6Rr1b8vHj2x8w2o7C0w6a1cJ4qS2",
                "$2a$10$abcdefghijklmnopqrstuu5Zq6Rr1b8vHj2x8w2o7C0w6a1cJ4qS", "$2a$10$abcdefghijklmnopqrstuu5Zq6Rr1b8vHj2x8w2o7C0w6a1cJ4qS2=",
                "{bcrypt}$2a$10$abcdefghijklmnopqrstuu5Zq6Rr1b8vHj2x8w2o7C0w6a1cJ4qS2", "$1$saltsalt$hashhashhashhashhashha",
                "5f4dcc3b5aa765d61d8327deb882cf99"})
        void refusesPlainTextAndFakeHashes(String notAHash) {
            assertThat(canVerify(notAHash)).isFalse();
        }
    }
}

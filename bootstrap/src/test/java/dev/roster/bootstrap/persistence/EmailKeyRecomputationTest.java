package dev.roster.bootstrap.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.bootstrap.EmailKeyRecomputation;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.CaseFold;
import dev.roster.domain.user.Change;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.ProfileChange;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The V7 migration's logic on the configured database (H2, or PostgreSQL when DATASOURCES_DEFAULT_URL points at one):
 * users stored with the keys of before (a plain case fold) get today's keys, look-alikes are reported and not merged.
 */
@MicronautTest(transactional = false)
class EmailKeyRecomputationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Inject
    TestDatabase database;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    UserRepository users;
    @Inject
    TransactionBoundary boundary;

    @BeforeEach
    void startFromEmptyTables() {
        database.clear();
        transactions.executeWrite(status -> jdbc.prepareStatement("DELETE FROM email_key_conflicts", statement -> statement.executeUpdate()));
    }

    private static UUID id(int n) {
        return UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n));
    }

    /** A row as the service before V7 wrote it: the key is the case fold of the whole address. */
    private void storeWithTheOldKey(UUID id, String email, int createdMinutesAfterT0) {
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO users (id, email, email_canonical, status, active, "
                + "created_at, updated_at, version) VALUES (?, ?, ?, 'ACTIVE', TRUE, ?, ?, 0)", statement -> {
            OffsetDateTime created = OffsetDateTime.ofInstant(T0.plusSeconds(60L * createdMinutesAfterT0), ZoneOffset.UTC);
            statement.setObject(1, id);
            statement.setString(2, email);
            statement.setString(3, CaseFold.fold(email));
            statement.setObject(4, created);
            statement.setObject(5, created);
            statement.executeUpdate();
            return null;
        }));
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, 'USER')", statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        }));
    }

    private EmailKeyRecomputation.Outcome recompute(int batchSize) {
        return transactions.executeWrite(status -> {
            try {
                return new EmailKeyRecomputation(status.getConnection(), batchSize).run();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String keyOf(UUID id) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT email_canonical FROM users WHERE id = ?", statement -> {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }));
    }

    private String emailOf(UUID id) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT email FROM users WHERE id = ?", statement -> {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }));
    }

    /** user_id → kept_by of every reported conflict. */
    private Map<UUID, UUID> conflicts() {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT user_id, kept_by, detected_at FROM email_key_conflicts", statement -> {
            Map<UUID, UUID> found = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getObject(3, OffsetDateTime.class)).isNotNull();
                    found.put(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class));
                }
            }
            return found;
        }));
    }

    private static String newKey(String email) {
        return Email.fromStorage(email).canonical();
    }

    @Nested
    class OnUsersStoredWithTheOldKeys {
        // NFC josé (holds its key already) and an earlier NFD josé
        private final UUID joseNfc = id(1);
        private final UUID joseNfd = id(2);
        // two new spellings of the same key and nobody holding it yet: the earlier one gets it
        private final UUID fullwidth = id(3);
        private final UUID mathBold = id(4);
        // the punycode spelling holds the key its Unicode spelling now has
        private final UUID punycode = id(5);
        private final UUID unicodeDomain = id(6);
        // a key that changes without any conflict, and an ASCII address whose key stays
        private final UUID grace = id(7);
        private final UUID plain = id(8);
        // written before invisible characters were refused
        private final UUID zeroWidth = id(9);
        private final UUID visible = id(10);

        @BeforeEach
        void storeThem() {
            storeWithTheOldKey(joseNfc, "jos\u00e9@example.org", 5);
            storeWithTheOldKey(joseNfd, "jose\u0301@example.org", 1);
            storeWithTheOldKey(fullwidth, "\uff21\uff24\uff21@example.com", 3);
            storeWithTheOldKey(mathBold, "\ud835\udc1a\ud835\udc1d\ud835\udc1a@example.com", 2);
            storeWithTheOldKey(punycode, "ada@xn--bcher-kva.example", 9);
            storeWithTheOldKey(unicodeDomain, "Ada@B\u00fccher.example", 4);
            storeWithTheOldKey(grace, "Grace@B\u00fccher.example", 6);
            storeWithTheOldKey(plain, "Plain@Example.net", 7);
            storeWithTheOldKey(zeroWidth, "a\u200bda@example.org", 0);
            storeWithTheOldKey(visible, "ada@example.org", 8);
        }

        @Test
        void givesEachUserWithoutALookAlikeItsNewKey() {
            recompute(3);

            assertThat(keyOf(grace)).isEqualTo("grace@xn--bcher-kva.example");
            assertThat(keyOf(plain)).isEqualTo("plain@example.net");
            assertThat(keyOf(joseNfc)).isEqualTo(newKey("jos\u00e9@example.org"));
            assertThat(keyOf(punycode)).isEqualTo("ada@xn--bcher-kva.example");
            assertThat(keyOf(visible)).isEqualTo("ada@example.org");
        }

        @Test
        void leavesEveryEmailAsStored() {
            recompute(3);

            assertThat(emailOf(joseNfd)).isEqualTo("jose\u0301@example.org");
            assertThat(emailOf(unicodeDomain)).isEqualTo("Ada@B\u00fccher.example");
            assertThat(emailOf(zeroWidth)).isEqualTo("a\u200bda@example.org");
        }

        @Test
        void givesAKeyNobodyHeldToTheEarliestCreatedOfItsLookAlikes() {
            recompute(3);

            assertThat(keyOf(mathBold)).isEqualTo("ada@example.com");
            assertThat(keyOf(fullwidth)).isEqualTo(CaseFold.fold("\uff21\uff24\uff21@example.com"));
        }

        @Test
        void reportsEveryOtherLookAlikeWithTheAccountThatHasTheKeyAndLeavesItOnItsOldKey() {
            EmailKeyRecomputation.Outcome outcome = recompute(3);

            assertThat(conflicts()).containsOnly(
                    entry(joseNfd, joseNfc),
                    entry(fullwidth, mathBold),
                    entry(unicodeDomain, punycode),
                    entry(zeroWidth, visible));
            assertThat(outcome.conflicts()).containsExactlyInAnyOrder(joseNfd, fullwidth, unicodeDomain, zeroWidth);
            assertThat(keyOf(joseNfd)).isEqualTo("jose\u0301@example.org");
            assertThat(keyOf(unicodeDomain)).isEqualTo("ada@b\u00fccher.example");
            assertThat(keyOf(zeroWidth)).isEqualTo("a\u200bda@example.org");
        }

        @Test
        void countsTheUsersWhoseKeyChanged() {
            assertThat(recompute(3).rekeyed()).isEqualTo(2); // grace and the math-bold ada
        }

        @Test
        void givesTheSameResultWhateverTheBatchSize() {
            recompute(1);
            Map<UUID, UUID> inBatchesOfOne = conflicts();

            assertThat(inBatchesOfOne).hasSize(4);
            assertThat(keyOf(mathBold)).isEqualTo("ada@example.com");
            assertThat(keyOf(grace)).isEqualTo("grace@xn--bcher-kva.example");
        }

        @Test
        void aSecondRunChangesAndReportsNothingMore() {
            recompute(3);

            EmailKeyRecomputation.Outcome again = recompute(500);

            assertThat(again.rekeyed()).isZero();
            assertThat(again.conflicts()).containsExactlyInAnyOrder(joseNfd, fullwidth, unicodeDomain, zeroWidth);
        }

        @Test
        void aReportedUserStaysWritableAndGetsItsKeyWithItsFirstWriteOnceTheOtherAccountIsGone() {
            recompute(3);
            UserId reported = new UserId(unicodeDomain);

            boundary.inTransaction(() -> {
                User user = users.findById(reported).orElseThrow();
                user.changeProfile(ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada"))), T0.plusSeconds(3600));
                return users.update(user);
            });
            assertThat(keyOf(unicodeDomain)).as("still held by the punycode spelling").isEqualTo("ada@b\u00fccher.example");

            boundary.inTransaction(() -> users.delete(new UserId(punycode)));
            boundary.inTransaction(() -> {
                User user = users.findById(reported).orElseThrow();
                user.changeProfile(ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada L."))), T0.plusSeconds(7200));
                return users.update(user);
            });
            assertThat(keyOf(unicodeDomain)).isEqualTo("ada@xn--bcher-kva.example");
        }
    }

    @Test
    void anEmptyTableNeedsNothing() {
        EmailKeyRecomputation.Outcome outcome = recompute(2);

        assertThat(outcome.rekeyed()).isZero();
        assertThat(outcome.conflicts()).isEmpty();
    }
}

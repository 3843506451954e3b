package dev.roster.application.port.out.accounts;

import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.application.port.out.common.TransactionBoundary;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ServiceAccountRepository} must do, run against the in-memory fake and the JDBC adapter (H2 and
 * PostgreSQL). A subclass starts every test with no service accounts. Every call runs inside {@link #transactions()};
 * instants carry at most microseconds.
 */
public abstract class ServiceAccountRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00.000001Z");
    private static final Instant T1 = Instant.parse("2026-01-10T08:00:00.000002Z");
    private static final Instant T2 = Instant.parse("2026-01-11T00:00:00Z");
    private static final Instant T3 = Instant.parse("2026-02-01T12:30:45.999999Z");

    protected abstract ServiceAccountRepository accounts();

    protected abstract TransactionBoundary transactions();

    @Nested
    class AddAndFind {
        @Test
        void storesEveryFieldAndFindsTheAccountByIdAndByKeyHash() {
            ServiceAccount account = new ServiceAccount(id(1), "Prometheus – scraper «eu-1» 😀", EnumSet.allOf(Scope.class),
                    T0, T1, Optional.of(T2), Optional.empty());

            add(account, hash(1));

            assertThat(read(() -> accounts().findById(id(1)))).contains(account);
            assertThat(read(() -> accounts().findByKeyHash(hash(1)))).contains(account);
        }

        @Test
        void findsNothingForAnUnknownIdOrHash() {
            add(account(1, T0), hash(1));

            assertThat(read(() -> accounts().findById(id(2)))).isEmpty();
            assertThat(read(() -> accounts().findByKeyHash(hash(2)))).isEmpty();
        }

        @Test
        void refusesASecondAccountWithTheSameIdOrKeyHash() {
            ServiceAccount first = account(1, T0);
            add(first, hash(1));

            assertThatThrownBy(() -> add(account(1, T1), hash(2))).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> add(account(2, T1), hash(1))).isInstanceOf(RuntimeException.class);

            assertThat(read(() -> accounts().list())).containsExactly(first);
            assertThat(read(() -> accounts().findByKeyHash(hash(2)))).isEmpty();
        }

        @Test
        void anAddInATransactionThatFailsIsRolledBack() {
            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                accounts().add(account(1, T0), hash(1));
                throw new IllegalStateException("fails after the add");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(read(() -> accounts().list())).isEmpty();
        }
    }

    @Nested
    class List {
        @Test
        void listsEveryAccountOldestFirstRevokedOnesIncluded() {
            ServiceAccount third = account(1, T3);
            ServiceAccount first = account(2, T0);
            ServiceAccount second = account(3, T1);
            add(third, hash(1));
            add(first, hash(2));
            add(second, hash(3));
            write(() -> accounts().revoke(id(3), T2));

            assertThat(read(() -> accounts().list())).containsExactly(first, second.revoked(T2), third);
        }

        @Test
        void isEmptyWithoutAccounts() {
            assertThat(read(() -> accounts().list())).isEmpty();
        }
    }

    @Nested
    class Revoke {
        @Test
        void revokesAnActiveAccountOnceAndKeepsItFindable() {
            ServiceAccount account = account(1, T0);
            add(account, hash(1));

            assertThat(write(() -> accounts().revoke(id(1), T2))).isTrue();
            assertThat(write(() -> accounts().revoke(id(1), T3))).isFalse();

            assertThat(read(() -> accounts().findById(id(1)))).contains(account.revoked(T2));
            assertThat(read(() -> accounts().findByKeyHash(hash(1)))).contains(account.revoked(T2));
        }

        @Test
        void saysFalseForAnUnknownAccount() {
            assertThat(write(() -> accounts().revoke(id(9), T2))).isFalse();
        }
    }

    @Nested
    class ReplaceKey {
        @Test
        void theNewHashFindsTheAccountAndTheOldOneNoLonger() {
            ServiceAccount account = account(1, T0);
            add(account, hash(1));

            assertThat(write(() -> accounts().replaceKey(id(1), hash(2), T3))).isTrue();

            assertThat(read(() -> accounts().findByKeyHash(hash(1)))).isEmpty();
            assertThat(read(() -> accounts().findByKeyHash(hash(2)))).contains(account.withKeyIssuedAt(T3));
        }

        @Test
        void refusesARevokedOrUnknownAccount() {
            add(account(1, T0), hash(1));
            write(() -> accounts().revoke(id(1), T1));

            assertThat(write(() -> accounts().replaceKey(id(1), hash(2), T3))).isFalse();
            assertThat(write(() -> accounts().replaceKey(id(9), hash(3), T3))).isFalse();

            assertThat(read(() -> accounts().findByKeyHash(hash(1)))).isPresent();
            assertThat(read(() -> accounts().findByKeyHash(hash(2)))).isEmpty();
        }
    }

    @Nested
    class RecordUse {
        @Test
        void setsTheLastUseWhenThereWasNoneOrItIsOlderThanTheLimit() {
            add(account(1, T0), hash(1));

            write(() -> {
                accounts().recordUse(id(1), T1, T0);
                return null;
            });
            assertThat(read(() -> accounts().findById(id(1))).orElseThrow().lastUsedAt()).contains(T1);

            write(() -> {
                accounts().recordUse(id(1), T3, T2);
                return null;
            });
            assertThat(read(() -> accounts().findById(id(1))).orElseThrow().lastUsedAt()).contains(T3);
        }

        @Test
        void leavesALastUseThatIsLaterThanTheLimit() {
            add(account(1, T0), hash(1));
            write(() -> {
                accounts().recordUse(id(1), T2, T0);
                return null;
            });

            write(() -> {
                accounts().recordUse(id(1), T3, T1);
                return null;
            });

            assertThat(read(() -> accounts().findById(id(1))).orElseThrow().lastUsedAt()).contains(T2);
        }

        @Test
        void ignoresAnUnknownAccount() {
            write(() -> {
                accounts().recordUse(id(9), T1, T0);
                return null;
            });
            assertThat(read(() -> accounts().list())).isEmpty();
        }
    }

    private void add(ServiceAccount account, String keyHash) {
        transactions().inTransaction(() -> accounts().add(account, keyHash));
    }

    private <T> T read(Supplier<T> work) {
        return transactions().readOnly(work);
    }

    private <T> T write(Supplier<T> work) {
        return transactions().inTransaction(work);
    }

    private static ServiceAccount account(int n, Instant createdAt) {
        return new ServiceAccount(id(n), "service " + n, Set.of(Scope.USERS_READ, Scope.METRICS_READ), createdAt,
                createdAt, Optional.empty(), Optional.empty());
    }

    private static UUID id(int n) {
        return UUID.fromString("019b76da-a800-7000-a000-%012d".formatted(n));
    }

    private static String hash(int n) {
        return "%064x".formatted(n);
    }
}

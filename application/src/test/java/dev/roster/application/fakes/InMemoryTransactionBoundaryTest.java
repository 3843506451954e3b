package dev.roster.application.fakes;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake transaction boundary behaves like a database's: it rolls back and it refuses writes it could not commit. */
class InMemoryTransactionBoundaryTest {
    private static final Instant LATER = Instant.parse("2026-02-01T00:00:00Z");

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void wire() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
    }

    @Test
    void rollsBackEveryWriteOfWorkThatThrows() {
        User ada = Users.anActiveUser().build();
        transactions.inTransaction(() -> repository.add(ada));
        var before = store.findById(ada.id()).orElseThrow();

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            User loaded = repository.findById(ada.id()).orElseThrow();
            loaded.softDelete(LATER);
            repository.update(loaded);
            repository.add(Users.anAdmin().build());
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(store.findById(ada.id())).contains(before);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.findByCanonicalEmail(Users.ADMIN_EMAIL)).isEmpty();
    }

    @Test
    void aFailedNestedTransactionRollsBackOnlyItsOwnWrites() {
        transactions.inTransaction(() -> {
            repository.add(Users.anActiveUser().build());
            assertThatThrownBy(() -> transactions.inTransaction(() -> {
                repository.add(Users.anAdmin().build());
                throw new IllegalStateException("inner");
            })).hasMessage("inner");
        });

        assertThat(store.findById(Users.DEFAULT_ID)).isPresent();
        assertThat(store.findById(Users.ADMIN_ID)).isEmpty();
    }

    @Test
    void keepsTheWritesOfWorkThatCompletes() {
        User result = transactions.inTransaction(() -> {
            User user = Users.anActiveUser().withRoles(Role.AUDITOR).build();
            repository.add(user);
            return user;
        });

        assertThat(store.findById(result.id())).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(UserStatus.ACTIVE));
    }

    @Test
    void refusesWritesOutsideATransaction() {
        assertThatThrownBy(() -> repository.add(Users.anActiveUser().build())).isInstanceOf(IllegalStateException.class);

        assertThat(store.size()).isZero();
    }

    @Test
    void refusesWritesInsideAReadOnlyTransaction() {
        assertThatThrownBy(() -> transactions.readOnly(() -> {
            repository.add(Users.anActiveUser().build());
            return null;
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.size()).isZero();
    }

    @Test
    void storesSnapshotsSoThatAForgottenUpdateIsLost() {
        User ada = Users.anActiveUser().build();
        transactions.inTransaction(() -> repository.add(ada));

        transactions.inTransaction(() -> repository.findById(ada.id()).orElseThrow().deactivate(LATER));

        assertThat(store.findById(ada.id())).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(UserStatus.ACTIVE));
    }
}

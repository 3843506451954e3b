package dev.roster.application.service;

import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.port.out.AuditAction;
import dev.roster.application.port.out.StoredAuditEvent;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserLifecycleServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private InMemoryAuditLog auditLog;
    private UserLifecycleService service;

    @BeforeEach
    void wire() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service = new UserLifecycleService(repository, transactions, clock, new Auditor(auditLog, new FixedActor(), clock));
    }

    @Nested
    class SoftDelete {
        @Test
        void deletesAndRecordsOneEvent() {
            User ada = add(Users.anActiveUser().build());

            service.softDelete(ada.id());

            assertThat(stored(ada.id()).status()).isEqualTo(UserStatus.DELETED);
            assertThat(stored(ada.id()).deletedAt()).isEqualTo(NOW);
            assertThat(auditLog.events()).extracting(event -> event.event().action()).containsExactly(AuditAction.USER_DELETED);
        }

        @Test
        void isIdempotentAndARepeatWritesNothing() {
            User ada = add(Users.anActiveUser().build());
            service.softDelete(ada.id());
            long version = stored(ada.id()).version();

            service.softDelete(ada.id());

            assertThat(stored(ada.id()).version()).isEqualTo(version);
            assertThat(auditLog.events()).hasSize(1);
        }

        @Test
        void refusesTheLastActiveAdministratorAndChangesNothing() {
            User admin = add(Users.anAdmin().build());

            assertThatThrownBy(() -> service.softDelete(admin.id())).isInstanceOf(LastAdminException.class);

            assertThat(stored(admin.id()).status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void deletesAnAdministratorWhileAnotherRemains() {
            User admin = add(Users.anAdmin().build());
            add(Users.anActiveUser().withRoles(dev.roster.domain.user.Role.ADMIN).build());

            service.softDelete(admin.id());

            assertThat(stored(admin.id()).status()).isEqualTo(UserStatus.DELETED);
        }

        @Test
        void refusesAnUnknownUser() {
            assertThatThrownBy(() -> service.softDelete(Users.DEFAULT_ID)).isInstanceOf(UserNotFoundException.class);
        }

        @Test
        void refusesAnAnonymizedUser() {
            User erased = add(Users.anActiveUser().anonymized().build());

            assertThatThrownBy(() -> service.softDelete(erased.id())).isInstanceOf(IllegalUserStateTransitionException.class);
        }
    }

    @Nested
    class Restore {
        @Test
        void returnsToTheStatusBeforeDeletion() {
            User deactivated = add(Users.anActiveUser().deactivated().deleted().build());

            assertThat(service.restore(deactivated.id()).status()).isEqualTo(UserStatus.DEACTIVATED);
            StoredAuditEvent event = auditLog.events().get(0);
            assertThat(event.event().action()).isEqualTo(AuditAction.USER_RESTORED);
            assertThat(event.event().details()).containsEntry("status", "DEACTIVATED");
        }

        @Test
        void refusesAUserThatIsNotDeletedAndRecordsNothing() {
            User ada = add(Users.anActiveUser().build());

            assertThatThrownBy(() -> service.restore(ada.id())).isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(auditLog.events()).isEmpty();
        }
    }

    private User add(User user) {
        transactions.inTransaction(() -> repository.add(user));
        return user;
    }

    private UserSnapshot stored(UserId id) {
        return store.findById(id).orElseThrow();
    }
}

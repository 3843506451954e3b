package dev.roster.application.service.lifecycle;

import dev.roster.application.fakes.FakeRateLimiter;
import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryFileRepository;
import dev.roster.application.fakes.InMemoryLegalHoldRepository;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.in.lifecycle.PurgeUserCommand;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserHasResourcesException;
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
    private InMemoryChangeEventLog changeLog;
    private InMemoryFileRepository files;
    private InMemoryLegalHoldRepository holds;
    private dev.roster.application.fakes.InMemoryPrivacyRequests privacyRequests;
    private UserLifecycleService service;
    private int statisticsInvalidations;

    @BeforeEach
    void wire() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        files = new InMemoryFileRepository(store);
        holds = new InMemoryLegalHoldRepository(store);
        privacyRequests = new dev.roster.application.fakes.InMemoryPrivacyRequests(store);
        service = new UserLifecycleService(repository, files, privacyRequests, holds, FakeRateLimiter.unlimited(), transactions, clock,
                new Auditor(auditLog, changeLog, new FixedActor(), clock), () -> statisticsInvalidations++);
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

    @Nested
    class Purge {
        private OwnedFile fileOf(User user) {
            OwnedFile file = new OwnedFile(java.util.UUID.fromString("00000000-0000-4000-8000-00000000f11e"), user.id(),
                    "contract.pdf", 1234, "application/pdf", NOW);
            transactions.inTransaction(() -> files.add(file));
            return file;
        }

        @Test
        void removesAUserWithoutResources() {
            User ada = add(Users.anActiveUser().build());

            service.purge(new PurgeUserCommand(ada.id(), false));

            assertThat(store.findById(ada.id())).isEmpty();
            assertThat(auditLog.events()).extracting(event -> event.event().action()).containsExactly(AuditAction.USER_PURGED);
            assertThat(statisticsInvalidations).as("cached signup statistics dropped").isEqualTo(1);
        }

        @Test
        void refusesWhileTheUserOwnsFilesAndSaysHowMany() {
            User ada = add(Users.anActiveUser().build());
            fileOf(ada);

            assertThatThrownBy(() -> service.purge(new PurgeUserCommand(ada.id(), false)))
                    .isInstanceOfSatisfying(UserHasResourcesException.class, refused -> assertThat(refused.files()).isEqualTo(1));
            assertThat(store.findById(ada.id())).isPresent();
            assertThat(files.countByOwner(ada.id())).isEqualTo(1);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void cascadeRemovesFilesAndUserTogether() {
            User ada = add(Users.anActiveUser().build());
            fileOf(ada);

            service.purge(new PurgeUserCommand(ada.id(), true));

            assertThat(store.findById(ada.id())).isEmpty();
            assertThat(files.countByOwner(ada.id())).isZero();
            assertThat(auditLog.events().get(0).event().details()).containsEntry("files", "1");
        }

        @Test
        void removesTheDataPackagesKeptWithTheUsersPrivacyRequestsButNotTheRequests() {
            User ada = add(Users.anActiveUser().build());
            java.util.UUID request = java.util.UUID.fromString("019b76da-a800-7000-8000-0000000000e1");
            transactions.inTransaction(() -> {
                privacyRequests.add(dev.roster.application.model.privacy.PrivacyRequest.received(request,
                        dev.roster.application.model.privacy.PrivacyRequestType.ACCESS, ada.id(), NOW, java.util.Optional.empty(),
                        ZoneOffset.UTC, NOW, java.util.Optional.empty()));
                privacyRequests.attachPackage(new dev.roster.application.model.privacy.StoredDataPackage(request, ada.id(), NOW,
                        "{\"profile\":{}}"));
            });

            service.purge(new PurgeUserCommand(ada.id(), false));

            assertThat(privacyRequests.findPackage(request)).isEmpty();
            assertThat(privacyRequests.find(request)).as("the request is the record of what was asked").isPresent();
            assertThat(auditLog.events().get(0).event().details()).containsEntry("dataPackages", "1").containsEntry("files", "0");
        }

        @Test
        void refusesAUserOnLegalHold() {
            User ada = add(Users.anActiveUser().build());
            transactions.inTransaction(() -> holds.put(new dev.roster.application.port.out.erasure.LegalHold(ada.id(), "litigation",
                    NOW, java.util.Optional.empty())));

            assertThatThrownBy(() -> service.purge(new PurgeUserCommand(ada.id(), true)))
                    .isInstanceOf(dev.roster.application.port.in.erasure.LegalHoldException.class);
            assertThat(store.findById(ada.id())).isPresent();
        }

        @Test
        void refusesTheLastActiveAdministrator() {
            User admin = add(Users.anAdmin().build());

            assertThatThrownBy(() -> service.purge(new PurgeUserCommand(admin.id(), true))).isInstanceOf(LastAdminException.class);
            assertThat(store.findById(admin.id())).isPresent();
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

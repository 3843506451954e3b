package dev.roster.application.service.access;

import dev.roster.application.fakes.FakePasswordHasher;
import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.access.ChangeRoleCommand;
import dev.roster.application.port.in.access.EnsureAdminCommand;
import dev.roster.application.port.in.access.EnsureAdminUseCase.Outcome;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.IllegalRoleChangeException;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.PasswordPolicy;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.Users;
import dev.roster.domain.user.WeakPasswordException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static dev.roster.application.service.AuditAssertions.assertHoldsNone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAccessServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final PasswordPolicy POLICY = new PasswordPolicy(Set.of("correcthorsebatterystaple"));
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;
    private static final UserId KATHERINE = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000003"));
    private static final UserId UNKNOWN = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ff"));
    private static final PlainPassword ADMIN_PASSWORD = new PlainPassword("the first administrator's passphrase");

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private FakePasswordHasher hasher;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private FixedActor actor;
    private UserAccessService service;

    @BeforeEach
    void wireWithFakes() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        hasher = new FakePasswordHasher();
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        actor = new FixedActor();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service = new UserAccessService(repository, hasher, POLICY, transactions, clock, new Random(42),
                new Auditor(auditLog, changeLog, actor, clock));
    }

    @Nested
    class GrantAndRevoke {

        @BeforeEach
        void adaAndOneAdmin() {
            add(Users.anActiveUser().build());
            add(Users.anAdmin().build());
        }

        @Test
        void grantAddsTheRole() {
            service.grant(new ChangeRoleCommand(ADA, Role.AUDITOR));

            UserSnapshot after = stored(ADA);
            assertThat(after.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
            assertThat(after.version()).isEqualTo(1);
            assertThat(after.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void grantingAHeldRoleChangesNothing() {
            service.grant(new ChangeRoleCommand(ADA, Role.AUDITOR));
            UserSnapshot before = stored(ADA);
            long modifications = store.modifications();

            service.grant(new ChangeRoleCommand(ADA, Role.AUDITOR));
            service.grant(new ChangeRoleCommand(ADA, Role.USER));

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(stored(ADA).version()).isEqualTo(1);
            assertThat(store.modifications()).isEqualTo(modifications);
        }

        @Test
        void revokeRemovesTheRole() {
            service.grant(new ChangeRoleCommand(ADA, Role.AUDITOR));

            service.revoke(new ChangeRoleCommand(ADA, Role.AUDITOR));

            assertThat(stored(ADA).roles()).containsExactly(Role.USER);
            assertThat(stored(ADA).version()).isEqualTo(2);
        }

        @Test
        void revokingARoleNotHeldChangesNothing() {
            UserSnapshot before = stored(ADA);
            long modifications = store.modifications();

            service.revoke(new ChangeRoleCommand(ADA, Role.AUDITOR));
            service.revoke(new ChangeRoleCommand(ADA, Role.ADMIN));

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
        }

        @Test
        void theUserRoleCannotBeRevoked() {
            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(ADA, Role.USER)))
                    .isInstanceOf(IllegalRoleChangeException.class);
        }

        @Test
        void anUnknownUserIsNotFound() {
            assertThatThrownBy(() -> service.grant(new ChangeRoleCommand(UNKNOWN, Role.AUDITOR)))
                    .isInstanceOf(UserNotFoundException.class);
            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(UNKNOWN, Role.ADMIN)))
                    .isInstanceOf(UserNotFoundException.class);
        }

        @Test
        void revokingAdminFromTheLastActiveAdminIsRefusedAndChangesNothing() {
            UserSnapshot before = stored(GRACE);
            long modifications = store.modifications();

            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(GRACE, Role.ADMIN)))
                    .isInstanceOf(LastAdminException.class)
                    .hasMessage("cannot remove the ADMIN role from the last active administrator");

            assertThat(stored(GRACE)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
        }

        @Test
        void withTwoActiveAdminsOneCanLoseTheRoleButNotTheOther() {
            service.grant(new ChangeRoleCommand(ADA, Role.ADMIN));

            service.revoke(new ChangeRoleCommand(GRACE, Role.ADMIN));

            assertThat(stored(GRACE).roles()).containsExactly(Role.USER);
            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(ADA, Role.ADMIN)))
                    .isInstanceOf(LastAdminException.class);
            assertThat(stored(ADA).roles()).contains(Role.ADMIN);
        }

        @Test
        void aDeactivatedAdminDoesNotCountAsActiveAdmin() {
            add(Users.anAdmin().withId(KATHERINE).withEmail("katherine@example.org").deactivated().build());

            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(GRACE, Role.ADMIN)))
                    .isInstanceOf(LastAdminException.class);
        }

        @Test
        void aDeletedAdminDoesNotCountAsActiveAdmin() {
            add(Users.anAdmin().withId(KATHERINE).withEmail("katherine@example.org").deleted().build());

            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(GRACE, Role.ADMIN)))
                    .isInstanceOf(LastAdminException.class);
        }

        @Test
        void anInactiveAdminCanLoseTheRoleWhileOneActiveAdminRemains() {
            add(Users.anAdmin().withId(KATHERINE).withEmail("katherine@example.org").deactivated().build());

            service.revoke(new ChangeRoleCommand(KATHERINE, Role.ADMIN));

            assertThat(stored(KATHERINE).roles()).containsExactly(Role.USER);
            assertThat(stored(GRACE).roles()).contains(Role.ADMIN);
        }

        @Test
        void aGrantIsRecordedWithTheRole() {
            service.grant(new ChangeRoleCommand(ADA, Role.AUDITOR));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.ROLE_GRANTED);
                assertThat(stored.event().target()).contains(ADA);
                assertThat(stored.event().actor()).isEqualTo(FixedActor.DEFAULT);
                assertThat(stored.event().occurredAt()).isEqualTo(NOW);
                assertThat(stored.event().details()).containsExactlyEntriesOf(Map.of("role", "AUDITOR"));
                assertHoldsNone(stored, Users.DEFAULT_EMAIL, Users.DEFAULT_DISPLAY_NAME);
            });
        }

        @Test
        void aRevokeIsRecordedWithTheRole() {
            service.grant(new ChangeRoleCommand(ADA, Role.ADMIN));

            service.revoke(new ChangeRoleCommand(GRACE, Role.ADMIN));

            assertThat(auditLog.events()).hasSize(2);
            StoredAuditEvent revoked = auditLog.events().get(1);
            assertThat(revoked.event().action()).isEqualTo(AuditAction.ROLE_REVOKED);
            assertThat(revoked.event().target()).contains(GRACE);
            assertThat(revoked.event().actor()).isEqualTo(FixedActor.DEFAULT);
            assertThat(revoked.event().details()).containsExactlyEntriesOf(Map.of("role", "ADMIN"));
        }

        @Test
        void aGrantOrRevokeThatChangesNothingRecordsNothing() {
            service.grant(new ChangeRoleCommand(ADA, Role.USER));
            service.grant(new ChangeRoleCommand(GRACE, Role.ADMIN));
            service.revoke(new ChangeRoleCommand(ADA, Role.AUDITOR));
            service.revoke(new ChangeRoleCommand(ADA, Role.ADMIN));

            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void aRefusedRoleChangeRecordsNothing() {
            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(GRACE, Role.ADMIN)))
                    .isInstanceOf(LastAdminException.class);
            assertThatThrownBy(() -> service.revoke(new ChangeRoleCommand(ADA, Role.USER)))
                    .isInstanceOf(IllegalRoleChangeException.class);
            assertThatThrownBy(() -> service.grant(new ChangeRoleCommand(UNKNOWN, Role.AUDITOR)))
                    .isInstanceOf(UserNotFoundException.class);

            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void otherRolesOfTheLastAdminCanBeRevoked() {
            service.grant(new ChangeRoleCommand(GRACE, Role.AUDITOR));

            service.revoke(new ChangeRoleCommand(GRACE, Role.AUDITOR));

            assertThat(stored(GRACE).roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
        }
    }

    @Nested
    class Activation {

        @BeforeEach
        void adaAndOneAdmin() {
            add(Users.anActiveUser().build());
            add(Users.anAdmin().build());
        }

        @Test
        void deactivateStoresTheNewStatusAndReturnsTheView() {
            UserView view = service.deactivate(ADA);

            UserSnapshot after = stored(ADA);
            assertThat(after.status()).isEqualTo(UserStatus.DEACTIVATED);
            assertThat(after.version()).isEqualTo(1);
            assertThat(after.updatedAt()).isEqualTo(NOW);
            assertThat(view).isEqualTo(UserView.of(after));
        }

        @Test
        void deactivatingTheLastActiveAdminIsRefusedAndChangesNothing() {
            UserSnapshot before = stored(GRACE);
            long modifications = store.modifications();

            assertThatThrownBy(() -> service.deactivate(GRACE))
                    .isInstanceOf(LastAdminException.class)
                    .hasMessage("cannot deactivate the last active administrator");

            assertThat(stored(GRACE)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
        }

        @Test
        void withTwoActiveAdminsOneCanBeDeactivatedButNotTheOther() {
            service.grant(new ChangeRoleCommand(ADA, Role.ADMIN));

            service.deactivate(GRACE);

            assertThat(stored(GRACE).status()).isEqualTo(UserStatus.DEACTIVATED);
            assertThatThrownBy(() -> service.deactivate(ADA)).isInstanceOf(LastAdminException.class);
            assertThat(stored(ADA).status()).isEqualTo(UserStatus.ACTIVE);
        }

        @Test
        void aDeactivatedAdminDoesNotCountAsActiveAdmin() {
            add(Users.anAdmin().withId(KATHERINE).withEmail("katherine@example.org").deactivated().build());

            assertThatThrownBy(() -> service.deactivate(GRACE)).isInstanceOf(LastAdminException.class);
        }

        @Test
        void deactivatingADeactivatedUserIsAnIllegalTransition() {
            service.deactivate(ADA);

            assertThatThrownBy(() -> service.deactivate(ADA)).isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(stored(ADA).version()).isEqualTo(1);
        }

        @Test
        void reactivateBringsTheUserBack() {
            service.deactivate(ADA);

            UserView view = service.reactivate(ADA);

            UserSnapshot after = stored(ADA);
            assertThat(after.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(after.active()).isTrue();
            assertThat(after.version()).isEqualTo(2);
            assertThat(view).isEqualTo(UserView.of(after));
        }

        @Test
        void aReactivatedAdminCountsAgain() {
            service.grant(new ChangeRoleCommand(ADA, Role.ADMIN));
            service.deactivate(ADA);
            assertThatThrownBy(() -> service.deactivate(GRACE)).isInstanceOf(LastAdminException.class);

            service.reactivate(ADA);
            service.deactivate(GRACE);

            assertThat(stored(GRACE).status()).isEqualTo(UserStatus.DEACTIVATED);
        }

        @Test
        void reactivatingAnActiveUserIsAnIllegalTransition() {
            assertThatThrownBy(() -> service.reactivate(ADA)).isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(stored(ADA).version()).isZero();
        }

        @Test
        void deactivationAndReactivationAreRecorded() {
            service.deactivate(ADA);
            service.reactivate(ADA);

            assertThat(auditLog.events()).extracting(stored -> stored.event().action())
                    .containsExactly(AuditAction.USER_DEACTIVATED, AuditAction.USER_REACTIVATED);
            assertThat(auditLog.events()).allSatisfy(stored -> {
                assertThat(stored.event().target()).contains(ADA);
                assertThat(stored.event().actor()).isEqualTo(FixedActor.DEFAULT);
                assertThat(stored.event().occurredAt()).isEqualTo(NOW);
                assertThat(stored.event().details()).isEmpty();
            });
        }

        @Test
        void aRefusedDeactivationOrReactivationRecordsNothing() {
            assertThatThrownBy(() -> service.deactivate(GRACE)).isInstanceOf(LastAdminException.class);
            assertThatThrownBy(() -> service.reactivate(ADA)).isInstanceOf(IllegalUserStateTransitionException.class);
            assertThatThrownBy(() -> service.deactivate(UNKNOWN)).isInstanceOf(UserNotFoundException.class);

            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void anIllegalSecondDeactivationRecordsOnlyTheFirst() {
            service.deactivate(ADA);

            assertThatThrownBy(() -> service.deactivate(ADA)).isInstanceOf(IllegalUserStateTransitionException.class);

            assertThat(auditLog.events()).singleElement()
                    .satisfies(stored -> assertThat(stored.event().action()).isEqualTo(AuditAction.USER_DEACTIVATED));
        }

        @Test
        void anUnknownUserIsNotFound() {
            assertThatThrownBy(() -> service.deactivate(UNKNOWN)).isInstanceOf(UserNotFoundException.class);
            assertThatThrownBy(() -> service.reactivate(UNKNOWN)).isInstanceOf(UserNotFoundException.class);
        }
    }

    @Nested
    class RevokeSessions {

        @BeforeEach
        void adaAndOneAdmin() {
            add(Users.anActiveUser().build());
            add(Users.anAdmin().build());
        }

        @Test
        void startsANewSessionGenerationAndStoresIt() {
            long before = stored(ADA).sessionGeneration();

            service.revokeSessions(ADA);

            assertThat(stored(ADA).sessionGeneration()).isEqualTo(before + 1);
            assertThat(stored(ADA).status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(stored(GRACE).sessionGeneration()).as("other users keep theirs").isZero();
        }

        @Test
        void worksInEveryStatus() {
            add(Users.anActiveUser().withId(KATHERINE).withEmail("katherine@example.org").anonymized().build());
            long before = stored(KATHERINE).sessionGeneration();

            service.revokeSessions(KATHERINE);

            assertThat(stored(KATHERINE).sessionGeneration()).isEqualTo(before + 1);
        }

        @Test
        void isRecordedWithoutDetails() {
            service.revokeSessions(ADA);

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.SESSIONS_REVOKED);
                assertThat(stored.event().target()).contains(ADA);
                assertThat(stored.event().details()).isEmpty();
            });
        }

        @Test
        void anUnknownUserIsNotFoundAndNothingIsRecorded() {
            assertThatThrownBy(() -> service.revokeSessions(UNKNOWN)).isInstanceOf(UserNotFoundException.class);
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Nested
    class EnsureAdmin {

        @Test
        void createsAnAdminWithAHashedPasswordWhenTheStoreIsEmpty() {
            Outcome outcome = service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD));

            assertThat(outcome).isEqualTo(Outcome.CREATED);
            assertThat(store.all()).singleElement().satisfies(admin -> {
                assertThat(admin.email().value()).isEqualTo("root@example.org");
                assertThat(admin.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
                assertThat(admin.status()).isEqualTo(UserStatus.ACTIVE);
                assertThat(admin.passwordHash()).isNotNull();
                assertThat(admin.passwordHash().value()).doesNotContain(ADMIN_PASSWORD.value());
                assertThat(hasher.matches(ADMIN_PASSWORD, admin.passwordHash())).isTrue();
                assertThat(admin.createdAt()).isEqualTo(NOW);
                assertThat(admin.version()).isZero();
            });
        }

        @Test
        void createsTheAdminWhenOnlyOtherUsersExist() {
            add(Users.anActiveUser().build());

            assertThat(service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD))).isEqualTo(Outcome.CREATED);

            assertThat(store.size()).isEqualTo(2);
            assertThat(stored(ADA).roles()).containsExactly(Role.USER);
        }

        @Test
        void isIdempotent() {
            service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD));
            List<UserSnapshot> before = store.all();
            long modifications = store.modifications();
            int hashes = hasher.hashes();

            Outcome second = service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD));

            assertThat(second).isEqualTo(Outcome.ALREADY_PRESENT);
            assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(hasher.hashes()).isEqualTo(hashes);
        }

        @Test
        void doesNothingWhenAnyActiveAdminExists() {
            add(Users.anAdmin().build());
            add(Users.anActiveUser().withEmail("root@example.org").build());
            long modifications = store.modifications();

            // not even the configured password is checked: there is nothing to do
            Outcome outcome = service.ensureAdmin(command("root@example.org", new PlainPassword("short")));

            assertThat(outcome).isEqualTo(Outcome.ALREADY_PRESENT);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(stored(ADA).roles()).containsExactly(Role.USER);
        }

        @Test
        void promotesTheUserWithThatEmailWhateverItsCase() {
            add(Users.anActiveUser().withEmail("ada@example.org").withRoles(Role.AUDITOR).build());

            Outcome outcome = service.ensureAdmin(command("ADA@Example.ORG", ADMIN_PASSWORD));

            assertThat(outcome).isEqualTo(Outcome.PROMOTED);
            assertThat(store.size()).isEqualTo(1);
            UserSnapshot ada = stored(ADA);
            assertThat(ada.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR, Role.ADMIN);
            assertThat(ada.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(ada.email().value()).isEqualTo("ada@example.org");
            assertThat(hasher.matches(ADMIN_PASSWORD, ada.passwordHash())).isTrue();
            assertThat(ada.version()).isEqualTo(1);
        }

        @Test
        void promotingReplacesAnExistingPassword() {
            PlainPassword old = new PlainPassword("ada's own passphrase");
            add(Users.anActiveUser().withEmail("ada@example.org").withPasswordHash(hasher.hash(old).value()).build());

            service.ensureAdmin(command("ada@example.org", ADMIN_PASSWORD));

            assertThat(hasher.matches(ADMIN_PASSWORD, stored(ADA).passwordHash())).isTrue();
            assertThat(hasher.matches(old, stored(ADA).passwordHash())).isFalse();
        }

        @Test
        void promotesAndReactivatesADeactivatedUser() {
            add(Users.anActiveUser().withEmail("ada@example.org").deactivated().build());

            assertThat(service.ensureAdmin(command("ada@example.org", ADMIN_PASSWORD))).isEqualTo(Outcome.PROMOTED);

            assertThat(stored(ADA).status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(stored(ADA).roles()).contains(Role.ADMIN);
        }

        @Test
        void promotesAndRestoresADeletedUser() {
            add(Users.anActiveUser().withEmail("ada@example.org").deleted().build());

            assertThat(service.ensureAdmin(command("ada@example.org", ADMIN_PASSWORD))).isEqualTo(Outcome.PROMOTED);

            UserSnapshot ada = stored(ADA);
            assertThat(ada.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(ada.deletedAt()).isNull();
            assertThat(ada.roles()).contains(Role.ADMIN);
        }

        @Test
        void promotesRestoresAndReactivatesAUserDeletedWhileDeactivated() {
            add(Users.anActiveUser().withEmail("ada@example.org").deactivated().deleted().build());

            assertThat(service.ensureAdmin(command("ada@example.org", ADMIN_PASSWORD))).isEqualTo(Outcome.PROMOTED);

            assertThat(stored(ADA).status()).isEqualTo(UserStatus.ACTIVE);
        }

        @Test
        void reactivatesAnAdminThatIsNoLongerActive() {
            add(Users.anAdmin().withEmail("grace@example.org").deactivated().build());

            assertThat(service.ensureAdmin(command("Grace@example.org", ADMIN_PASSWORD))).isEqualTo(Outcome.PROMOTED);

            assertThat(stored(GRACE).status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(stored(GRACE).roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
            assertThat(service.ensureAdmin(command("grace@example.org", ADMIN_PASSWORD)))
                    .isEqualTo(Outcome.ALREADY_PRESENT);
        }

        @Test
        void refusesAWeakPasswordWhenItWouldCreate() {
            for (String weak : List.of("too short", "root@example.org", "CorrectHorseBatteryStaple")) {
                assertThatThrownBy(() -> service.ensureAdmin(command("root@example.org", new PlainPassword(weak))))
                        .isInstanceOf(WeakPasswordException.class);
            }

            assertThat(store.size()).isZero();
        }

        @Test
        void refusesAWeakPasswordWhenItWouldPromote() {
            add(Users.anActiveUser().withEmail("ada@example.org").build());
            UserSnapshot before = stored(ADA);

            assertThatThrownBy(() -> service.ensureAdmin(command("ada@example.org", new PlainPassword("ada"))))
                    .isInstanceOf(WeakPasswordException.class);

            assertThat(stored(ADA)).isEqualTo(before);
        }

        @Test
        void creatingTheFirstAdministratorIsRecordedWithoutTheEmailOrPassword() {
            actor.set(Actor.system());

            service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD));

            UserSnapshot admin = store.all().get(0);
            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.USER_CREATED);
                assertThat(stored.event().target()).contains(admin.id());
                assertThat(stored.event().actor()).isEqualTo(Actor.system());
                assertThat(stored.event().details()).containsEntry("reason", "first-administrator")
                        .containsEntry("roles", "ADMIN,USER")
                        .containsEntry("password", "true");
                assertHoldsNone(stored, "root@example.org", "root", ADMIN_PASSWORD.value(), admin.passwordHash().value());
            });
        }

        @Test
        void promotingIsRecordedAsARoleGrantAndAPasswordSet() {
            add(Users.anActiveUser().withEmail("ada@example.org").build());

            service.ensureAdmin(command("ada@example.org", ADMIN_PASSWORD));

            assertThat(auditLog.events()).extracting(stored -> stored.event().action())
                    .containsExactly(AuditAction.ROLE_GRANTED, AuditAction.PASSWORD_SET);
            assertThat(auditLog.events().get(0).event().details())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("role", "ADMIN", "reason", "first-administrator"));
            assertThat(auditLog.events().get(1).event().details())
                    .containsExactlyEntriesOf(Map.of("reason", "first-administrator"));
            assertThat(auditLog.events()).allSatisfy(stored -> {
                assertThat(stored.event().target()).contains(ADA);
                assertHoldsNone(stored, "ada@example.org", ADMIN_PASSWORD.value(), stored(ADA).passwordHash().value());
            });
        }

        @Test
        void nothingIsRecordedWhenAnAdministratorIsAlreadyPresent() {
            service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD));

            service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD));

            assertThat(auditLog.events()).hasSize(1);
        }

        @Test
        void aRefusedWeakPasswordRecordsNothing() {
            assertThatThrownBy(() -> service.ensureAdmin(command("root@example.org", new PlainPassword("too short"))))
                    .isInstanceOf(WeakPasswordException.class);

            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void createdIdsAreTimeOrderedAndDeterministic() {
            service.ensureAdmin(command("root@example.org", ADMIN_PASSWORD));
            UserId first = store.all().get(0).id();

            InMemoryUserStore other = new InMemoryUserStore();
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            new UserAccessService(new InMemoryUserRepository(other), hasher, POLICY, new InMemoryTransactionBoundary(other),
                    clock, new Random(42), new Auditor(new InMemoryAuditLog(other), new InMemoryChangeEventLog(other), actor, clock))
                    .ensureAdmin(command("root@example.org", ADMIN_PASSWORD));

            assertThat(other.all().get(0).id()).isEqualTo(first);
            assertThat(first.value().version()).isEqualTo(7);
        }
    }

    private static EnsureAdminCommand command(String email, PlainPassword password) {
        return new EnsureAdminCommand(new Email(email), password);
    }

    private void add(User user) {
        transactions.inTransaction(() -> repository.add(user));
    }

    private UserSnapshot stored(UserId id) {
        return store.findById(id).orElseThrow();
    }
}

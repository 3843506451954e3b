package dev.roster.application.service.access;

import dev.roster.application.fakes.FakePasswordHasher;
import dev.roster.application.fakes.FakeRateLimiter;
import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.port.in.access.ChangeOwnPasswordCommand;
import dev.roster.application.port.in.access.SetPasswordCommand;
import dev.roster.application.port.in.access.WrongPasswordException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.PasswordPolicy;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.Users;
import dev.roster.domain.user.WeakPasswordException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static dev.roster.application.service.AuditAssertions.assertHoldsNone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** The shipped list, so these tests also show that it is loaded and folded. */
    private static final PasswordPolicy POLICY = new PasswordPolicy(CommonPasswords.load());
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;
    private static final UserId UNKNOWN = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ff"));
    private static final PlainPassword CURRENT = new PlainPassword("correct horse battery staple");
    private static final PlainPassword NEW = new PlainPassword("a new and rather long passphrase");

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private FakePasswordHasher hasher;
    private FakeRateLimiter limiter;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private FixedActor actor;
    private CredentialService service;

    @BeforeEach
    void wireWithFakesAndTwoUsers() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        hasher = new FakePasswordHasher();
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        actor = new FixedActor();
        service = serviceWith(FakeRateLimiter.unlimited());
        add(Users.anActiveUser().withEmail("ada.lovelace@example.org")
                .withPasswordHash(hasher.hash(CURRENT).value()).build());
        add(Users.anAdmin().withEmail("grace@example.org").withPasswordHash(null).build());
    }

    @Nested
    class SetPassword {

        @Test
        void storesANewHashOfThePassword() {
            service.setPassword(new SetPasswordCommand(ADA, NEW));

            UserSnapshot after = stored(ADA);
            assertThat(hasher.matches(NEW, after.passwordHash())).isTrue();
            assertThat(hasher.matches(CURRENT, after.passwordHash())).isFalse();
            assertThat(after.passwordHash().value()).doesNotContain(NEW.value());
            assertThat(after.version()).isEqualTo(1);
            assertThat(after.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void givesAUserWithoutAPasswordItsFirstOne() {
            service.setPassword(new SetPasswordCommand(GRACE, NEW));

            assertThat(hasher.matches(NEW, stored(GRACE).passwordHash())).isTrue();
        }

        @Test
        void worksForADeactivatedUser() {
            change(ADA, user -> user.deactivate(NOW));

            service.setPassword(new SetPasswordCommand(ADA, NEW));

            assertThat(hasher.matches(NEW, stored(ADA).passwordHash())).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"short", "elevenchars", "ada.lovelace@example.org", "ADA.LOVELACE", "password1234",
                "PassWord1234", "123456789012"})
        void aPasswordThePolicyRefusesIsNotStored(String weak) {
            UserSnapshot before = stored(ADA);
            long modifications = store.modifications();
            int hashes = hasher.hashes();

            assertThatThrownBy(() -> service.setPassword(new SetPasswordCommand(ADA, new PlainPassword(weak))))
                    .isInstanceOf(WeakPasswordException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase(weak));

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(hasher.hashes()).as("the policy is checked before the slow hash").isEqualTo(hashes);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void anUnknownUserIsNotFound() {
            long modifications = store.modifications();

            assertThatThrownBy(() -> service.setPassword(new SetPasswordCommand(UNKNOWN, NEW)))
                    .isInstanceOf(UserNotFoundException.class);

            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void isRecordedWithoutDetailsAndWithoutThePasswordOrItsHash() {
            service.setPassword(new SetPasswordCommand(ADA, NEW));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.PASSWORD_SET);
                assertThat(stored.event().target()).contains(ADA);
                assertThat(stored.event().actor()).isEqualTo(FixedActor.DEFAULT);
                assertThat(stored.event().occurredAt()).isEqualTo(NOW);
                assertThat(stored.event().details()).isEmpty();
                assertHoldsNone(stored, NEW.value(), new StringBuilder(NEW.value()).reverse().toString(),
                        stored(ADA).passwordHash().value(), "fake:", "ada.lovelace@example.org");
            });
        }

        @Test
        void isRateLimitedPerUser() {
            service.setPassword(new SetPasswordCommand(ADA, NEW));

            assertThat(limiter.used()).containsExactlyEntriesOf(Map.of(
                    RateLimitedAction.PASSWORD_CHANGE + "|" + ADA, 1));
        }

        @Test
        void anExhaustedLimitStoresNothing() {
            service = serviceWith(new FakeRateLimiter(0));
            UserSnapshot before = stored(ADA);
            long modifications = store.modifications();

            assertThatThrownBy(() -> service.setPassword(new SetPasswordCommand(ADA, NEW)))
                    .isInstanceOf(RateLimitExceededException.class);

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Nested
    class ChangeOwnPassword {

        @Test
        void theRightCurrentPasswordStoresTheNewOne() {
            service.changeOwnPassword(new ChangeOwnPasswordCommand(ADA, CURRENT, NEW));

            UserSnapshot after = stored(ADA);
            assertThat(hasher.matches(NEW, after.passwordHash())).isTrue();
            assertThat(hasher.matches(CURRENT, after.passwordHash())).as("the old password no longer matches").isFalse();
            assertThat(after.version()).isEqualTo(1);
            assertThat(after.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void isRecordedAsAChangeWithoutDetailsAndWithoutEitherPassword() {
            actor.set(new Actor(Optional.of(ADA), Optional.of(FixedActor.CLIENT_ADDRESS)));

            service.changeOwnPassword(new ChangeOwnPasswordCommand(ADA, CURRENT, NEW));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.PASSWORD_CHANGED);
                assertThat(stored.event().target()).contains(ADA);
                assertThat(stored.event().actor().userId()).contains(ADA);
                assertThat(stored.event().details()).isEmpty();
                assertHoldsNone(stored, NEW.value(), CURRENT.value(), stored(ADA).passwordHash().value(), "fake:");
            });
        }

        @Test
        void theOldPasswordCannotBeUsedToChangeItAgain() {
            service.changeOwnPassword(new ChangeOwnPasswordCommand(ADA, CURRENT, NEW));

            assertThatThrownBy(() -> service.changeOwnPassword(
                    new ChangeOwnPasswordCommand(ADA, CURRENT, new PlainPassword("yet another long passphrase"))))
                    .isInstanceOf(WrongPasswordException.class);
            assertThat(hasher.matches(NEW, stored(ADA).passwordHash())).isTrue();
        }

        @Test
        void aWrongCurrentPasswordIsRefusedAndNothingStored() {
            UserSnapshot before = stored(ADA);
            long modifications = store.modifications();

            assertThatThrownBy(() -> service.changeOwnPassword(
                    new ChangeOwnPasswordCommand(ADA, new PlainPassword("not the current one"), NEW)))
                    .isInstanceOf(WrongPasswordException.class)
                    .hasMessage("the current password does not match");

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void aUserWithoutAPasswordCannotUseIt() {
            long modifications = store.modifications();

            assertThatThrownBy(() -> service.changeOwnPassword(new ChangeOwnPasswordCommand(GRACE, CURRENT, NEW)))
                    .isInstanceOf(WrongPasswordException.class);

            assertThat(stored(GRACE).passwordHash()).isNull();
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void aNewPasswordThePolicyRefusesIsNotStored() {
            UserSnapshot before = stored(ADA);

            for (String weak : List.of("too short", "ada.lovelace", "Password1234")) {
                assertThatThrownBy(() -> service.changeOwnPassword(
                        new ChangeOwnPasswordCommand(ADA, CURRENT, new PlainPassword(weak))))
                        .isInstanceOf(WeakPasswordException.class);
            }

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void theCurrentPasswordIsCheckedBeforeThePolicy() {
            assertThatThrownBy(() -> service.changeOwnPassword(
                    new ChangeOwnPasswordCommand(ADA, new PlainPassword("not the current one"), new PlainPassword("short"))))
                    .isInstanceOf(WrongPasswordException.class);
        }

        @Test
        void anUnknownUserIsNotFound() {
            assertThatThrownBy(() -> service.changeOwnPassword(new ChangeOwnPasswordCommand(UNKNOWN, CURRENT, NEW)))
                    .isInstanceOf(UserNotFoundException.class);
        }

        @Test
        void anExhaustedLimitStopsBeforeTheCurrentPasswordIsChecked() {
            service = serviceWith(new FakeRateLimiter(0));
            UserSnapshot before = stored(ADA);
            int verifications = hasher.verifications();

            assertThatThrownBy(() -> service.changeOwnPassword(new ChangeOwnPasswordCommand(ADA, CURRENT, NEW)))
                    .isInstanceOf(RateLimitExceededException.class);

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(hasher.verifications()).isEqualTo(verifications);
        }

        @Test
        void wrongGuessesUseUpTheLimit() {
            service = serviceWith(new FakeRateLimiter(2));
            PlainPassword guess = new PlainPassword("a guess at the password");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> service.changeOwnPassword(new ChangeOwnPasswordCommand(ADA, guess, NEW)))
                        .isInstanceOf(WrongPasswordException.class);
            }

            assertThatThrownBy(() -> service.changeOwnPassword(new ChangeOwnPasswordCommand(ADA, CURRENT, NEW)))
                    .isInstanceOf(RateLimitExceededException.class);
            assertThat(hasher.matches(CURRENT, stored(ADA).passwordHash())).isTrue();
            assertThat(auditLog.events()).isEmpty();
        }
    }

    private CredentialService serviceWith(FakeRateLimiter rateLimiter) {
        this.limiter = rateLimiter;
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new CredentialService(repository, hasher, POLICY, rateLimiter, transactions, clock,
                new Auditor(auditLog, changeLog, actor, clock));
    }

    private void add(User user) {
        transactions.inTransaction(() -> repository.add(user));
    }

    private void change(UserId id, Consumer<User> change) {
        transactions.inTransaction(() -> {
            User user = repository.findById(id).orElseThrow();
            change.accept(user);
            repository.update(user);
        });
    }

    private UserSnapshot stored(UserId id) {
        return store.findById(id).orElseThrow();
    }
}

package dev.roster.application.service.access;

import dev.roster.application.fakes.FakePasswordHasher;
import dev.roster.application.fakes.FakeRateLimiter;
import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserQueries;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.access.Principal;
import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.port.in.access.AuthenticateUserCommand;
import dev.roster.application.port.in.access.AuthenticationFailedException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static dev.roster.application.service.AuditAssertions.assertHoldsNone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class AuthenticationServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final String ADA_EMAIL = "ada@example.org";
    private static final PlainPassword PASSWORD = new PlainPassword("correct horse battery staple");
    private static final PlainPassword WRONG = new PlainPassword("incorrect horse battery staple");
    private static final String CLIENT = "192.0.2.10";

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private FakePasswordHasher hasher;
    private FakeRateLimiter limiter;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private FixedActor actor;
    private AuthenticationService service;

    @BeforeEach
    void wireWithFakesAndAnActiveAuditor() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        hasher = new FakePasswordHasher();
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        actor = new FixedActor();
        actor.set(FixedActor.anonymous()); // a login request carries no token
        limiter = FakeRateLimiter.unlimited();
        service = serviceWith(limiter);
        add(Users.anActiveUser().withEmail(ADA_EMAIL).withRoles(Role.AUDITOR)
                .withPasswordHash(hasher.hash(PASSWORD).value()).build());
    }

    @Nested
    class Success {

        @Test
        void returnsThePrincipalWithItsRoles() {
            Principal principal = service.authenticate(login(ADA_EMAIL, PASSWORD));

            assertThat(principal.id()).isEqualTo(ADA);
            assertThat(principal.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ADA@EXAMPLE.ORG", "Ada@Example.org", "  ada@example.org\t"})
        void findsTheAccountWhateverTheCaseAndSurroundingWhitespaceOfTheEmail(String typed) {
            assertThat(service.authenticate(login(typed, PASSWORD)).id()).isEqualTo(ADA);
        }

        @Test
        void recordsTheLoginTimeWithoutBumpingTheVersion() {
            UserSnapshot before = stored(ADA);

            service.authenticate(login(ADA_EMAIL, PASSWORD));

            UserSnapshot after = stored(ADA);
            assertThat(after.lastLoginAt()).isEqualTo(NOW);
            assertThat(after.version()).isEqualTo(before.version()).isZero();
            assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
            assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
        }

        @Test
        void aLoginDoesNotInvalidateAVersionAnAdministratorHolds() {
            User loadedByAnAdmin = transactions.readOnly(() -> repository.findById(ADA)).orElseThrow();

            service.authenticate(login(ADA_EMAIL, PASSWORD));

            loadedByAnAdmin.grantRole(Role.ADMIN, NOW);
            long version = transactions.inTransaction(() -> repository.update(loadedByAnAdmin));
            assertThat(version).isEqualTo(1);
        }

        @Test
        void isRecordedAsTheUserFromTheCallersAddress() {
            service.authenticate(login(ADA_EMAIL, PASSWORD));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.LOGIN_SUCCEEDED);
                assertThat(stored.event().actor()).isEqualTo(new Actor(Optional.of(ADA), Optional.of(FixedActor.CLIENT_ADDRESS)));
                assertThat(stored.event().target()).contains(ADA);
                assertThat(stored.event().occurredAt()).isEqualTo(NOW);
                assertThat(stored.event().details()).isEmpty();
                assertHoldsNone(stored, ADA_EMAIL, "example.org", PASSWORD.value(), stored(ADA).passwordHash().value());
            });
        }

        @Test
        void aLoginThatAlsoRehashesIsRecordedOnce() {
            hasher.raiseCost();

            service.authenticate(login(ADA_EMAIL, PASSWORD));

            assertThat(auditLog.events()).extracting(stored -> stored.event().action())
                    .containsExactly(AuditAction.LOGIN_SUCCEEDED);
        }

        @Test
        void verifiesThePasswordOnceAndDoesNotRehashACurrentHash() {
            int verifications = hasher.verifications();
            int hashes = hasher.hashes();
            String hashBefore = stored(ADA).passwordHash().value();

            service.authenticate(login(ADA_EMAIL, PASSWORD));

            assertThat(hasher.verifications()).isEqualTo(verifications + 1);
            assertThat(hasher.hashes()).isEqualTo(hashes);
            assertThat(stored(ADA).passwordHash().value()).isEqualTo(hashBefore);
        }

        @Test
        void rehashesAHashMadeWithOlderParameters() {
            PasswordHash old = stored(ADA).passwordHash();
            hasher.raiseCost();
            assertThat(hasher.needsRehash(old)).isTrue();

            service.authenticate(login(ADA_EMAIL, PASSWORD));

            UserSnapshot after = stored(ADA);
            assertThat(after.passwordHash()).isNotEqualTo(old);
            assertThat(hasher.needsRehash(after.passwordHash())).isFalse();
            assertThat(hasher.matches(PASSWORD, after.passwordHash())).isTrue();
            assertThat(after.lastLoginAt()).isEqualTo(NOW);
            assertThat(after.version()).isEqualTo(1);
        }

        @Test
        void aRehashKeepsTheSessionsAndTheTokenCarriesTheCurrentGeneration() {
            hasher.raiseCost();

            Principal first = service.authenticate(login(ADA_EMAIL, PASSWORD));

            assertThat(stored(ADA).sessionGeneration()).as("the same password, so no security event").isZero();
            assertThat(first.sessionGeneration()).isZero();
            change(ADA, user -> user.endSessions(NOW));
            assertThat(service.authenticate(login(ADA_EMAIL, PASSWORD)).sessionGeneration()).isEqualTo(1);
        }

        @Test
        void theRehashedPasswordStillLogsIn() {
            hasher.raiseCost();
            service.authenticate(login(ADA_EMAIL, PASSWORD));
            int hashes = hasher.hashes();

            assertThat(service.authenticate(login(ADA_EMAIL, PASSWORD)).id()).isEqualTo(ADA);
            assertThat(hasher.hashes()).isEqualTo(hashes);
            assertThat(stored(ADA).version()).isEqualTo(1);
        }
    }

    @Nested
    class Failure {

        @Test
        void anUnknownEmailFails() {
            assertFailsAndCostsOneVerification(login("nobody@example.org", PASSWORD));

            assertFailureRecorded("unknown-account", Optional.empty(), "nobody");
        }

        @Test
        void aWrongPasswordFails() {
            assertFailsAndCostsOneVerification(login(ADA_EMAIL, WRONG));

            assertFailureRecorded("wrong-password", Optional.of(ADA), WRONG.value());
        }

        @Test
        void aDeactivatedUserFailsEvenWithTheRightPassword() {
            store.clear();
            add(Users.anActiveUser().withEmail(ADA_EMAIL).withPasswordHash(hasher.hash(PASSWORD).value())
                    .deactivated().build());

            assertFailsAndCostsOneVerification(login(ADA_EMAIL, PASSWORD));

            assertFailureRecorded("inactive", Optional.of(ADA));
        }

        @Test
        void aDeletedUserFailsEvenWithTheRightPassword() {
            store.clear();
            add(Users.anActiveUser().withEmail(ADA_EMAIL).withPasswordHash(hasher.hash(PASSWORD).value())
                    .deleted().build());

            assertFailsAndCostsOneVerification(login(ADA_EMAIL, PASSWORD));

            assertFailureRecorded("inactive", Optional.of(ADA));
        }

        @Test
        void anAnonymizedUserCanNoLongerLogIn() {
            store.clear();
            add(Users.anActiveUser().withEmail(ADA_EMAIL).withPasswordHash(hasher.hash(PASSWORD).value())
                    .anonymized().build());

            assertFailsAndCostsOneVerification(login(ADA_EMAIL, PASSWORD));

            // the anonymized account no longer has the address, so to the service it is unknown
            assertFailureRecorded("unknown-account", Optional.empty());
        }

        @Test
        void aUserWithoutAPasswordFails() {
            store.clear();
            add(Users.anActiveUser().withEmail(ADA_EMAIL).withPasswordHash(null).build());

            assertFailsAndCostsOneVerification(login(ADA_EMAIL, PASSWORD));

            assertFailureRecorded("no-password", Optional.of(ADA));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "not-an-email", "ada@", "@example.org", "ada@@example.org", "ada@localhost"})
        void aMalformedEmailFails(String typed) {
            assertFailsAndCostsOneVerification(login(typed, PASSWORD));

            assertFailureRecorded("unknown-account", Optional.empty(), typed.strip().isEmpty() ? ADA_EMAIL : typed);
        }

        @Test
        void everyReasonLooksTheSame() {
            store.clear();
            add(Users.anActiveUser().withEmail(ADA_EMAIL).withPasswordHash(hasher.hash(PASSWORD).value()).build());
            add(Users.anAdmin().withId(id(3)).withEmail("deactivated@example.org")
                    .withPasswordHash(hasher.hash(PASSWORD).value()).deactivated().build());
            add(Users.anAdmin().withId(id(4)).withEmail("deleted@example.org")
                    .withPasswordHash(hasher.hash(PASSWORD).value()).deleted().build());
            add(Users.anAdmin().withId(id(5)).withEmail("nopassword@example.org").build());
            List<AuthenticateUserCommand> attempts = List.of(
                    login("nobody@example.org", PASSWORD),
                    login(ADA_EMAIL, WRONG),
                    login("deactivated@example.org", PASSWORD),
                    login("deleted@example.org", PASSWORD),
                    login("nopassword@example.org", PASSWORD),
                    login("not-an-email", PASSWORD));

            List<Throwable> failures = new ArrayList<>();
            for (AuthenticateUserCommand attempt : attempts) {
                failures.add(catchThrowable(() -> service.authenticate(attempt)));
            }

            assertThat(failures).allSatisfy(failure -> assertThat(failure)
                    .isExactlyInstanceOf(AuthenticationFailedException.class)
                    .hasMessage("invalid email or password")
                    .hasNoCause());
            assertThat(failures).allSatisfy(failure -> assertThat(failure.getStackTrace()).isEmpty());
            assertThat(auditLog.events()).as("the trail, unlike the caller, learns the reason")
                    .extracting(stored -> stored.event().details().get("reason"))
                    .containsExactly("unknown-account", "wrong-password", "inactive", "inactive", "no-password",
                            "unknown-account");
            assertThat(auditLog.events()).allSatisfy(stored -> assertHoldsNone(stored, "nobody", "ada@", "deactivated@",
                    "deleted@", "nopassword@", "not-an-email", "example.org", PASSWORD.value(), WRONG.value()));
        }

        @Test
        void theMessageNamesNeitherTheEmailNorThePassword() {
            Throwable failure = catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));

            assertThat(failure.getMessage()).doesNotContain("ada").doesNotContain(WRONG.value());
        }

        /** One login.failed event from the anonymous caller, with the reason and no email or password anywhere. */
        private void assertFailureRecorded(String reason, Optional<UserId> target, String... alsoAbsent) {
            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.LOGIN_FAILED);
                assertThat(stored.event().actor()).isEqualTo(FixedActor.anonymous());
                assertThat(stored.event().target()).isEqualTo(target);
                assertThat(stored.event().occurredAt()).isEqualTo(NOW);
                assertThat(stored.event().details()).containsExactlyEntriesOf(Map.of("reason", reason));
                assertHoldsNone(stored, ADA_EMAIL, "example.org", "@", PASSWORD.value());
                assertHoldsNone(stored, alsoAbsent);
            });
        }

        private void assertFailsAndCostsOneVerification(AuthenticateUserCommand command) {
            List<UserSnapshot> before = store.all();
            int verifications = hasher.verifications();

            assertThatThrownBy(() -> service.authenticate(command))
                    .isExactlyInstanceOf(AuthenticationFailedException.class)
                    .hasMessage("invalid email or password");

            // the timing equaliser: every failure verifies a password exactly once, as a wrong password does
            assertThat(hasher.verifications()).isEqualTo(verifications + 1);
            assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        }
    }

    @Nested
    class RateLimiting {
        private static final String PER_CLIENT = RateLimitedAction.LOGIN_PER_CLIENT + "|";
        private static final String PER_PAIR = RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT + "|";
        private static final String PER_ACCOUNT = RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT + "|";

        @Test
        void everyAttemptCountsAgainstItsClient() {
            service.authenticate(login(ADA_EMAIL, PASSWORD));
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));

            assertThat(limiter.used()).containsEntry(PER_CLIENT + CLIENT, 2);
        }

        @Test
        void aSuccessCountsAgainstNoAccountLimit() {
            service.authenticate(login(ADA_EMAIL, PASSWORD));
            service.authenticate(login(ADA_EMAIL, PASSWORD));

            assertThat(limiter.used()).containsOnlyKeys(PER_CLIENT + CLIENT);
        }

        @Test
        void aFailureCountsAgainstTheAccountFromThisClientAndTheAccount() {
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));

            assertThat(counts(PER_PAIR)).containsExactly(2);
            assertThat(counts(PER_ACCOUNT)).containsExactly(2);
        }

        @Test
        void anUnknownEmailIsCountedExactlyAsAWrongPasswordIs() {
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));
            Map<String, Integer> afterAWrongPassword = limiter.used();
            serviceWith(FakeRateLimiter.unlimited());

            catchThrowable(() -> service.authenticate(login("nobody@example.org", WRONG)));

            assertThat(limiter.used().values()).containsExactlyInAnyOrderElementsOf(afterAWrongPassword.values());
            assertThat(counts(PER_PAIR)).containsExactly(1);
            assertThat(counts(PER_ACCOUNT)).containsExactly(1);
        }

        @Test
        void theAccountKeysAreNotTheEmailNorTheClientInClear() {
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));
            catchThrowable(() -> service.authenticate(login("nobody@example.org", PASSWORD)));
            catchThrowable(() -> service.authenticate(login("not-an-email", PASSWORD)));

            assertThat(limiter.used().keySet()).filteredOn(key -> !key.startsWith(PER_CLIENT)).hasSize(6)
                    .allSatisfy(key -> assertThat(key)
                            .doesNotContain("@")
                            .doesNotContainIgnoringCase("example")
                            .doesNotContain("nobody")
                            .doesNotContain("not-an-email")
                            .doesNotContain(CLIENT));
        }

        @Test
        void theAccountKeysIgnoreCaseAndSurroundingWhitespace() {
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));
            catchThrowable(() -> service.authenticate(login("  ADA@Example.ORG ", WRONG)));

            assertThat(counts(PER_PAIR)).containsExactly(2);
            assertThat(counts(PER_ACCOUNT)).containsExactly(2);
        }

        @Test
        void aClientThatUsedUpItsFailuresForAnAccountIsRefusedBeforeAnyVerificationEvenWithTheRightPassword() {
            serviceWith(FakeRateLimiter.unlimited().with(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, 2));
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));
            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));
            int verifications = hasher.verifications();

            assertThatThrownBy(() -> service.authenticate(login(ADA_EMAIL, PASSWORD)))
                    .isInstanceOf(RateLimitExceededException.class);

            assertThat(hasher.verifications()).isEqualTo(verifications);
            assertThat(stored(ADA).lastLoginAt()).isNull();
        }

        @Test
        void theOwnerLogsInFromItsOwnClientWhileManyOtherClientsFailForItsAccount() {
            serviceWith(FakeRateLimiter.unlimited()
                    .with(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, 3)
                    .with(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT, 5));
            for (int attacker = 1; attacker <= 20; attacker++) {
                String client = "198.51.100." + attacker;
                for (int guess = 0; guess < 3; guess++) {
                    catchThrowable(() -> service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, WRONG, client)));
                }
                assertThatThrownBy(() -> service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, PASSWORD, client)))
                        .as("the attacker at %s, with the right password at last", client)
                        .isInstanceOf(RateLimitExceededException.class);
            }

            assertThat(service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, PASSWORD, "203.0.113.7")).id())
                    .isEqualTo(ADA);
        }

        @Test
        void onceTheAccountsFailuresAreUsedUpOneFailureUsesUpItsClientsBudgetForTheAccount() {
            serviceWith(FakeRateLimiter.unlimited()
                    .with(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, 10)
                    .with(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT, 2));
            catchThrowable(() -> service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, WRONG, "198.51.100.1")));
            catchThrowable(() -> service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, WRONG, "198.51.100.1")));
            // the account has had its two failures: it is under attack

            assertThatThrownBy(() -> service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, WRONG, "198.51.100.2")))
                    .as("a client's first failure under attack is still answered")
                    .isExactlyInstanceOf(AuthenticationFailedException.class);
            assertThatThrownBy(() -> service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, WRONG, "198.51.100.2")))
                    .as("but is its last")
                    .isInstanceOf(RateLimitExceededException.class);
            assertThat(service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, PASSWORD, "198.51.100.3")).id())
                    .as("a client without failures is answered").isEqualTo(ADA);
            assertThat(service.authenticate(new AuthenticateUserCommand(ADA_EMAIL, PASSWORD, "198.51.100.1")).id())
                    .as("a client with failures before the attack keeps the rest of its budget").isEqualTo(ADA);
        }

        @Test
        void anotherAccountIsNotUnderAttackBecauseOneIs() {
            serviceWith(FakeRateLimiter.unlimited()
                    .with(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, 10)
                    .with(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT, 1));
            catchThrowable(() -> service.authenticate(login("nobody@example.org", WRONG)));
            catchThrowable(() -> service.authenticate(login("nobody@example.org", WRONG)));

            catchThrowable(() -> service.authenticate(login(ADA_EMAIL, WRONG)));

            assertThat(service.authenticate(login(ADA_EMAIL, PASSWORD)).id()).isEqualTo(ADA);
        }

        @Test
        void anExhaustedPerClientLimitStopsBeforeAnyVerification() {
            serviceWith(new FakeRateLimiter(0));
            int verifications = hasher.verifications();

            assertThatThrownBy(() -> service.authenticate(login(ADA_EMAIL, PASSWORD)))
                    .isInstanceOf(RateLimitExceededException.class);

            assertThat(hasher.verifications()).isEqualTo(verifications);
            assertThat(stored(ADA).lastLoginAt()).isNull();
        }

        @Test
        void thePerClientLimitHoldsAcrossEmails() {
            serviceWith(FakeRateLimiter.unlimited().with(RateLimitedAction.LOGIN_PER_CLIENT, 1));
            service.authenticate(login(ADA_EMAIL, PASSWORD));
            int verifications = hasher.verifications();

            assertThatThrownBy(() -> service.authenticate(login("nobody@example.org", PASSWORD)))
                    .isInstanceOf(RateLimitExceededException.class);
            assertThat(hasher.verifications()).isEqualTo(verifications);
        }

        private List<Integer> counts(String prefix) {
            return limiter.used().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue)
                    .toList();
        }
    }

    @Nested
    class Resolve {

        @Test
        void anActiveUserResolvesToItsCurrentRoles() {
            assertThat(service.resolve(ADA)).contains(new Principal(ADA, Set.of(Role.USER, Role.AUDITOR), 0));

            change(ADA, user -> {
                user.grantRole(Role.ADMIN, NOW);
                user.revokeRole(Role.AUDITOR, NOW);
            });

            assertThat(service.resolve(ADA)).as("losing a role ends the sessions")
                    .contains(new Principal(ADA, Set.of(Role.USER, Role.ADMIN), 1));
        }

        @Test
        void aDeactivatedUserDoesNotResolve() {
            change(ADA, user -> user.deactivate(NOW));

            assertThat(service.resolve(ADA)).isEmpty();
        }

        @Test
        void aDeletedUserDoesNotResolve() {
            change(ADA, user -> user.softDelete(NOW));

            assertThat(service.resolve(ADA)).isEmpty();
        }

        @Test
        void anAnonymizedUserDoesNotResolve() {
            change(ADA, user -> user.anonymize(NOW));

            assertThat(service.resolve(ADA)).isEmpty();
        }

        @Test
        void aMissingUserDoesNotResolve() {
            assertThat(service.resolve(id(99))).isEmpty();
        }

        @Test
        void aReactivatedUserResolvesAgain() {
            change(ADA, user -> user.deactivate(NOW));
            change(ADA, user -> user.reactivate(NOW));

            assertThat(service.resolve(ADA)).map(Principal::id).contains(ADA);
        }

        @Test
        void resolvingNeitherVerifiesNorWrites() {
            long modifications = store.modifications();
            int verifications = hasher.verifications();

            service.resolve(ADA);

            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(hasher.verifications()).isEqualTo(verifications);
            assertThat(limiter.used()).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }
    }

    /** Wires the service with this limiter, as {@link #service} and {@link #limiter}, and returns it. */
    private AuthenticationService serviceWith(FakeRateLimiter rateLimiter) {
        this.limiter = rateLimiter;
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return service = new AuthenticationService(repository, new InMemoryUserQueries(store), hasher, rateLimiter, transactions,
                clock, new Auditor(auditLog, changeLog, actor, clock), UserReadCache.none());
    }

    private static AuthenticateUserCommand login(String email, PlainPassword password) {
        return new AuthenticateUserCommand(email, password, CLIENT);
    }

    private static UserId id(int n) {
        return new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n)));
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

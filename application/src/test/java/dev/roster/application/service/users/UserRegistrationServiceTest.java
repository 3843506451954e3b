package dev.roster.application.service.users;

import dev.roster.application.fakes.FakePasswordHasher;
import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.ForwardingUserRepository;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.UpsertResult;
import dev.roster.application.port.in.users.UpsertUserCommand;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.PasswordPolicy;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
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
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.roster.application.service.AuditAssertions.assertHoldsNone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserRegistrationServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-02T11:30:00Z");

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private FixedActor actor;
    private UserRegistrationService service;

    @BeforeEach
    void wireWithFakes() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        actor = new FixedActor();
        service = serviceAt(NOW);
    }

    private UserRegistrationService serviceAt(Instant now) {
        return serviceOver(repository, now);
    }

    private UserRegistrationService serviceOver(UserRepository users, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new UserRegistrationService(users, transactions, clock, new Random(42),
                new FakePasswordHasher(), new PasswordPolicy(Set.of()), new Auditor(auditLog, changeLog, actor, clock));
    }

    @Nested
    class Create {

        @Test
        void createsAnActiveUserWithTheUserRoleAtVersionZero() {
            UserView view = service.create(command("ada@example.org"));

            assertThat(view.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(view.active()).isTrue();
            assertThat(view.roles()).containsExactly(Role.USER);
            assertThat(view.version()).isZero();
            assertThat(view.hasPassword()).isFalse();
            assertThat(view.createdAt()).isEqualTo(NOW);
            assertThat(view.updatedAt()).isEqualTo(NOW);
            assertThat(view.email()).isEqualTo("ada@example.org");
            assertThat(view).isEqualTo(stored(view.id()));
            assertThat(storedSnapshot(view.id()).status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(storedSnapshot(view.id()).version()).isZero();
        }

        @Test
        void storesTheProfileItIsGiven() {
            UserView view = service.create(new CreateUserCommand(new Email("ada@example.org"),
                    Optional.of(new DisplayName("Ada Lovelace")), Optional.of(new Phone("+441234567890")),
                    Attributes.of(Map.of("team", "engines")), Set.of(Role.AUDITOR), Optional.empty()));

            UserSnapshot stored = storedSnapshot(view.id());
            assertThat(stored.displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
            assertThat(stored.phone()).isEqualTo(new Phone("+441234567890"));
            assertThat(stored.attributes().asMap()).isEqualTo(Map.of("team", "engines"));
            assertThat(stored.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
            assertThat(stored.passwordHash()).isNull();
        }

        @Test
        void givesTheUserATimeOrderedId() {
            UUID first = service.create(command("ada@example.org")).id();
            UUID second = serviceAt(LATER).create(command("grace@example.org")).id();

            assertThat(first.version()).isEqualTo(7);
            assertThat(first.variant()).isEqualTo(2);
            assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
            assertThat(second.getMostSignificantBits() >>> 16).isEqualTo(LATER.toEpochMilli());
            assertThat(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits())).isNegative();
        }

        @Test
        void refusesAnEmailAnotherUserHasInAnotherCaseAndLeavesTheStoreUnchanged() {
            UserView ada = service.create(command("ada@example.org"));
            var before = store.all();

            assertThatThrownBy(() -> service.create(command("ADA@Example.ORG")))
                    .isInstanceOf(EmailAlreadyTakenException.class);

            assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
            assertThat(store.size()).isEqualTo(1);
            assertThat(storedSnapshot(ada.id()).email().value()).isEqualTo("ada@example.org");
            assertThat(auditLog.events()).as("only the first create is audited").singleElement()
                    .satisfies(stored -> assertThat(stored.event().target()).contains(new UserId(ada.id())));
        }

        @Test
        void refusesANonAsciiEmailAnotherUserHasInAnotherCase() {
            service.create(command("äda@example.org"));

            assertThatThrownBy(() -> service.create(command("ÄDA@example.org")))
                    .isInstanceOf(EmailAlreadyTakenException.class);
            assertThat(store.size()).isEqualTo(1);
        }

        private CreateUserCommand command(String email) {
            return new CreateUserCommand(new Email(email), Optional.empty(), Optional.empty(), Attributes.none(), Set.of(), Optional.empty());
        }
    }

    @Nested
    class Upsert {

        @Test
        void createsTheUserWhenNoUserHasTheEmail() {
            UpsertResult result = service.upsert(command("ada@example.org", "Ada", null, Map.of()));

            assertThat(result.created()).isTrue();
            assertThat(result.user().status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(result.user().roles()).containsExactly(Role.USER);
            assertThat(result.user().version()).isZero();
            assertThat(result.user().createdAt()).isEqualTo(NOW);
            assertThat(storedSnapshot(result.user().id()).displayName()).isEqualTo(new DisplayName("Ada"));
        }

        @Test
        void updatesTheUserThatHasTheEmail() {
            UpsertResult first = service.upsert(command("ada@example.org", "Ada", null, Map.of()));

            UpsertResult second = serviceAt(LATER).upsert(command("ada@example.org", "Ada Lovelace", null, Map.of()));

            assertThat(second.created()).isFalse();
            assertThat(second.user().id()).isEqualTo(first.user().id());
            assertThat(second.user().version()).isEqualTo(1);
            assertThat(second.user().updatedAt()).isEqualTo(LATER);
            assertThat(second.user().createdAt()).isEqualTo(NOW);
            assertThat(store.size()).isEqualTo(1);
            assertThat(storedSnapshot(first.user().id()).version()).isEqualTo(1);
            assertThat(storedSnapshot(first.user().id()).displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
        }

        @Test
        void findsTheUserByEmailInAnotherCase() {
            UpsertResult first = service.upsert(command("ada@example.org", "Ada", null, Map.of()));

            UpsertResult second = service.upsert(command("ADA@EXAMPLE.ORG", "Ada Lovelace", null, Map.of()));

            assertThat(second.created()).isFalse();
            assertThat(second.user().id()).isEqualTo(first.user().id());
            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void replacesDisplayNamePhoneAndAttributesAndClearsAbsentOnes() {
            UpsertResult first = service.upsert(command("ada@example.org", "Ada", "+441234567890",
                    Map.of("team", "engines", "floor", "3")));

            UpsertResult second = service.upsert(command("ada@example.org", "Ada Lovelace", null, Map.of("desk", "42")));

            assertThat(second.user().displayName()).isEqualTo("Ada Lovelace");
            assertThat(second.user().phone()).isNull();
            assertThat(second.user().attributes()).isEqualTo(Map.of("desk", "42"));
            UserSnapshot stored = storedSnapshot(first.user().id());
            assertThat(stored.displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
            assertThat(stored.phone()).isNull();
            assertThat(stored.attributes().asMap()).isEqualTo(Map.of("desk", "42"));

            UpsertResult third = service.upsert(command("ada@example.org", null, null, Map.of()));

            assertThat(third.user().displayName()).isNull();
            assertThat(third.user().attributes()).isEmpty();
            UserSnapshot cleared = storedSnapshot(first.user().id());
            assertThat(cleared.displayName()).isNull();
            assertThat(cleared.attributes().isEmpty()).isTrue();
            assertThat(cleared.version()).isEqualTo(2);
        }

        @Test
        void keepsRolesAndLifecycleOfTheExistingUser() {
            add(Users.anActiveUser().withEmail("ada@example.org").withRoles(Role.AUDITOR).deactivated().build());

            UpsertResult result = service.upsert(command("ada@example.org", "Ada", null, Map.of()));

            assertThat(result.created()).isFalse();
            assertThat(result.user().roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
            assertThat(result.user().status()).isEqualTo(UserStatus.DEACTIVATED);
            assertThat(storedSnapshot(Users.DEFAULT_ID.value()).status()).isEqualTo(UserStatus.DEACTIVATED);
        }

        @Test
        void withIdenticalContentDoesNotBumpTheVersion() {
            UpsertResult first = service.upsert(command("ada@example.org", "Ada", "+441234567890", Map.of("team", "engines")));
            UserSnapshot before = storedSnapshot(first.user().id());
            long writesBefore = store.modifications();

            UpsertResult second = serviceAt(LATER).upsert(
                    command("ada@example.org", "Ada", "+441234567890", Map.of("team", "engines")));

            assertThat(second.created()).isFalse();
            assertThat(second.user().version()).isZero();
            assertThat(second.user().updatedAt()).isEqualTo(NOW);
            assertThat(store.modifications()).isEqualTo(writesBefore);
            assertThat(storedSnapshot(first.user().id())).isEqualTo(before);
            assertThat(auditLog.events()).extracting(stored -> stored.event().action())
                    .as("a no-op upsert is not audited").containsExactly(AuditAction.USER_CREATED);
        }

        @Test
        void retriesAsAnUpdateWhenTheCreateLosesARace() {
            User winner = Users.anActiveUser().withEmail("ada@example.org").withDisplayName("Ada").build();
            add(winner);
            RaceLosingRepository racing = new RaceLosingRepository(repository);
            UserRegistrationService racingService = serviceOver(racing, LATER);

            UpsertResult result = racingService.upsert(command("ADA@example.org", "Ada Lovelace", null, Map.of()));

            assertThat(racing.findByEmailCalls.get()).isEqualTo(2);
            assertThat(racing.addCalls.get()).isEqualTo(1);
            assertThat(result.created()).isFalse();
            assertThat(result.user().id()).isEqualTo(winner.id().value());
            assertThat(result.user().version()).isEqualTo(1);
            assertThat(result.user().displayName()).isEqualTo("Ada Lovelace");
            assertThat(store.size()).isEqualTo(1);
            assertThat(storedSnapshot(winner.id().value()).displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
            assertThat(storedSnapshot(winner.id().value()).version()).isEqualTo(1);
            assertThat(auditLog.events()).as("the lost create left no event").singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.USER_UPDATED);
                assertThat(stored.event().target()).contains(winner.id());
                assertThat(stored.event().details()).containsExactlyEntriesOf(Map.of("fields", "displayName"));
            });
        }

        private UpsertUserCommand command(String email, String displayName, String phone, Map<String, String> attributes) {
            return new UpsertUserCommand(new Email(email),
                    Optional.ofNullable(displayName).map(DisplayName::new),
                    Optional.ofNullable(phone).map(Phone::new),
                    Attributes.of(attributes));
        }
    }

    @Nested
    class Audit {
        private static final String EMAIL = "ada.lovelace@example.org";
        private static final String NAME = "Ada Lovelace";
        private static final String PHONE = "+441234567890";
        private static final PlainPassword PASSWORD = new PlainPassword("an analytical engine passphrase");

        @Test
        void createRecordsOneUserCreatedEventWithoutPersonalData() {
            UserView view = service.create(new CreateUserCommand(new Email(EMAIL), Optional.of(new DisplayName(NAME)),
                    Optional.of(new Phone(PHONE)), Attributes.of(Map.of("team", "engines", "floor", "3")),
                    Set.of(Role.AUDITOR), Optional.of(PASSWORD)));

            String hash = storedSnapshot(view.id()).passwordHash().value();
            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                AuditEvent event = stored.event();
                assertThat(event.action()).isEqualTo(AuditAction.USER_CREATED);
                assertThat(event.target()).contains(new UserId(view.id()));
                assertThat(event.actor()).isEqualTo(FixedActor.DEFAULT);
                assertThat(event.occurredAt()).isEqualTo(NOW);
                assertThat(event.details()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("roles", "AUDITOR,USER", "attributes", "2", "password", "true"));
                assertHoldsNone(stored, EMAIL, "ada.lovelace", NAME, "Lovelace", PHONE, "1234567890", "engines",
                        PASSWORD.value(), hash);
            });
        }

        @Test
        void createWithoutPasswordOrAttributesSaysSo() {
            UserView view = service.create(new CreateUserCommand(new Email(EMAIL), Optional.empty(), Optional.empty(),
                    Attributes.none(), Set.of(), Optional.empty()));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().target()).contains(new UserId(view.id()));
                assertThat(stored.event().details()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("roles", "USER", "attributes", "0", "password", "false"));
            });
        }

        @Test
        void theEventNamesWhoeverIsActing() {
            Actor system = Actor.system();
            actor.set(system);

            service.create(new CreateUserCommand(new Email(EMAIL), Optional.empty(), Optional.empty(),
                    Attributes.none(), Set.of(), Optional.empty()));

            assertThat(auditLog.events()).singleElement()
                    .satisfies(stored -> assertThat(stored.event().actor()).isEqualTo(system));
        }

        @Test
        void aCreateRefusedForAWeakPasswordRecordsNothing() {
            assertThatThrownBy(() -> service.create(new CreateUserCommand(new Email(EMAIL), Optional.empty(),
                    Optional.empty(), Attributes.none(), Set.of(), Optional.of(new PlainPassword("short")))))
                    .isInstanceOf(WeakPasswordException.class);

            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void aCreateRefusedForATakenEmailRecordsNothing() {
            add(Users.anActiveUser().withEmail(EMAIL).build());

            assertThatThrownBy(() -> service.create(new CreateUserCommand(new Email(EMAIL.toUpperCase()),
                    Optional.empty(), Optional.empty(), Attributes.none(), Set.of(), Optional.empty())))
                    .isInstanceOf(EmailAlreadyTakenException.class);

            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void anUpsertThatCreatesRecordsUserCreated() {
            UpsertResult result = service.upsert(new UpsertUserCommand(new Email(EMAIL), Optional.of(new DisplayName(NAME)),
                    Optional.empty(), Attributes.of(Map.of("team", "engines"))));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.USER_CREATED);
                assertThat(stored.event().target()).contains(new UserId(result.user().id()));
                assertThat(stored.event().actor()).isEqualTo(FixedActor.DEFAULT);
                assertThat(stored.event().details()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("roles", "USER", "attributes", "1", "password", "false"));
                assertHoldsNone(stored, EMAIL, NAME, "engines");
            });
        }

        @Test
        void anUpsertThatChangesRecordsTheNamesOfTheChangedFieldsOnly() {
            UpsertResult first = service.upsert(new UpsertUserCommand(new Email(EMAIL), Optional.of(new DisplayName("Ada")),
                    Optional.empty(), Attributes.of(Map.of("team", "engines"))));

            serviceAt(LATER).upsert(new UpsertUserCommand(new Email(EMAIL), Optional.of(new DisplayName(NAME)),
                    Optional.of(new Phone(PHONE)), Attributes.of(Map.of("team", "looms"))));

            assertThat(auditLog.events()).hasSize(2);
            StoredAuditEvent updated = auditLog.events().get(1);
            assertThat(updated.event().action()).isEqualTo(AuditAction.USER_UPDATED);
            assertThat(updated.event().target()).contains(new UserId(first.user().id()));
            assertThat(updated.event().occurredAt()).isEqualTo(LATER);
            assertThat(updated.event().details()).containsExactlyEntriesOf(Map.of("fields", "displayName,phone,attributes"));
            assertHoldsNone(updated, EMAIL, NAME, PHONE, "engines", "looms");
        }
    }

    /** The repository as another transaction's concurrent insert makes it look: the first lookup misses. */
    private static final class RaceLosingRepository extends ForwardingUserRepository {
        final AtomicInteger findByEmailCalls = new AtomicInteger();
        final AtomicInteger addCalls = new AtomicInteger();

        RaceLosingRepository(UserRepository delegate) {
            super(delegate);
        }

        @Override
        public void add(User user) {
            addCalls.incrementAndGet();
            delegate.add(user);
        }

        @Override
        public Optional<User> findByEmail(Email email) {
            if (findByEmailCalls.incrementAndGet() == 1) {
                return Optional.empty();
            }
            return delegate.findByEmail(email);
        }
    }

    private void add(User user) {
        transactions.inTransaction(() -> repository.add(user));
    }

    private UserView stored(UUID id) {
        return UserView.of(storedSnapshot(id));
    }

    private UserSnapshot storedSnapshot(UUID id) {
        return store.findById(new UserId(id)).orElseThrow();
    }
}

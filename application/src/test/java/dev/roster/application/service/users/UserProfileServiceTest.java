package dev.roster.application.service.users;

import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.ForwardingUserRepository;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.UpdateUserCommand;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.Retry;
import dev.roster.domain.user.AttributeChanges;
import dev.roster.domain.user.Change;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.ProfileChange;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.UserVersionConflictException;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.roster.application.service.AuditAssertions.assertHoldsNone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserProfileServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private FixedActor actor;
    private UserProfileService service;

    @BeforeEach
    void wireWithFakesAndTwoUsers() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        actor = new FixedActor();
        service = serviceOver(repository);
        add(Users.anActiveUser()
                .withEmail("ada@example.org")
                .withDisplayName("Ada Lovelace")
                .withPhone("+441234567890")
                .withAttributes(Map.of("team", "engines", "floor", "3", "city", "London"))
                .build());
        add(Users.anAdmin().withEmail("grace@example.org").build());
    }

    @Nested
    class MergePatch {

        @Test
        void changesOnlyTheFieldsThePatchNames() {
            UserSnapshot before = stored(ADA);

            UserView view = service.update(unconditional(ADA,
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada King")))));

            UserSnapshot after = stored(ADA);
            assertThat(after.displayName()).isEqualTo(new DisplayName("Ada King"));
            assertThat(after.email()).isEqualTo(before.email());
            assertThat(after.phone()).isEqualTo(before.phone());
            assertThat(after.attributes()).isEqualTo(before.attributes());
            assertThat(after.roles()).isEqualTo(before.roles());
            assertThat(after.version()).isEqualTo(1);
            assertThat(after.updatedAt()).isEqualTo(NOW);
            assertThat(view).isEqualTo(UserView.of(after));
        }

        @Test
        void clearsTheFieldsThePatchSetsToNull() {
            service.update(unconditional(ADA, ProfileChange.none()
                    .withDisplayName(Change.setOrClear(null))
                    .withPhone(Change.setOrClear(null))));

            UserSnapshot after = stored(ADA);
            assertThat(after.displayName()).isNull();
            assertThat(after.phone()).isNull();
            assertThat(after.attributes().asMap()).containsOnlyKeys("team", "floor", "city");
        }

        @Test
        void mergesAttributesKeyByKey() {
            service.update(unconditional(ADA, ProfileChange.none().withAttributes(
                    new AttributeChanges(false, Map.of("floor", "4", "desk", "42"), Set.of("city")))));

            assertThat(stored(ADA).attributes().asMap())
                    .isEqualTo(Map.of("team", "engines", "floor", "4", "desk", "42"));
        }

        @Test
        void dropsEveryAttributeWhenThePatchSetsThemToNull() {
            service.update(unconditional(ADA, ProfileChange.none().withAttributes(AttributeChanges.clearAll())));

            assertThat(stored(ADA).attributes().isEmpty()).isTrue();
            assertThat(stored(ADA).version()).isEqualTo(1);
        }

        @Test
        void changesTheEmailToAFreeAddress() {
            UserView view = service.update(unconditional(ADA,
                    ProfileChange.none().withEmail(new Email("ada.king@example.org"))));

            assertThat(view.email()).isEqualTo("ada.king@example.org");
            assertThat(store.findByCanonicalEmail("ada.king@example.org")).map(UserSnapshot::id).contains(ADA);
            assertThat(store.findByCanonicalEmail("ada@example.org")).isEmpty();
        }

        @Test
        void changesOnlyTheCaseOfTheOwnEmail() {
            UserView view = service.update(unconditional(ADA,
                    ProfileChange.none().withEmail(new Email("Ada@Example.org"))));

            assertThat(view.email()).isEqualTo("Ada@Example.org");
            assertThat(view.version()).isEqualTo(1);
            assertThat(stored(ADA).email().value()).isEqualTo("Ada@Example.org");
        }

        @Test
        void refusesToUpdateADeletedUserAndChangesNothing() {
            softDelete(ADA);
            var before = stored(ADA);

            assertThatThrownBy(() -> service.update(unconditional(ADA,
                    ProfileChange.none().withPhone(Change.set(new Phone("+4915112345678"))))))
                    .isInstanceOf(IllegalUserStateTransitionException.class);

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(stored(ADA).status()).isEqualTo(UserStatus.DELETED);
        }
    }

    @Nested
    class EmailUniqueness {

        @Test
        void refusesAnEmailAnotherUserHasAndChangesNothing() {
            UserSnapshot before = stored(ADA);
            long writesBefore = store.modifications();

            assertThatThrownBy(() -> service.update(unconditional(ADA,
                    ProfileChange.none()
                            .withEmail(new Email("grace@example.org"))
                            .withDisplayName(Change.set(new DisplayName("Ada King"))))))
                    .isInstanceOf(EmailAlreadyTakenException.class);

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(writesBefore);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void refusesAnEmailAnotherUserHasInAnotherCase() {
            UserSnapshot before = stored(ADA);

            assertThatThrownBy(() -> service.update(unconditional(ADA,
                    ProfileChange.none().withEmail(new Email("GRACE@EXAMPLE.ORG")))))
                    .isInstanceOf(EmailAlreadyTakenException.class);

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(stored(GRACE).email().value()).isEqualTo("grace@example.org");
        }
    }

    @Nested
    class OptimisticLocking {

        @Test
        void appliesTheChangeWhenTheExpectedVersionIsCurrent() {
            UserView view = service.update(new UpdateUserCommand(ADA, OptionalLong.of(0),
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada King")))));

            assertThat(view.version()).isEqualTo(1);
            assertThat(stored(ADA).displayName()).isEqualTo(new DisplayName("Ada King"));
        }

        @Test
        void refusesAStaleExpectedVersionWithoutChangingAnything() {
            service.update(unconditional(ADA, ProfileChange.none().withPhone(Change.clear())));
            UserSnapshot before = stored(ADA);
            long writesBefore = store.modifications();

            assertThatThrownBy(() -> service.update(new UpdateUserCommand(ADA, OptionalLong.of(0),
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada King"))))))
                    .isInstanceOf(UserVersionConflictException.class);

            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(before.version()).isEqualTo(1);
            assertThat(store.modifications()).isEqualTo(writesBefore);
            assertThat(auditLog.events()).as("only the first update").hasSize(1);
        }

        @Test
        void retriesAConflictWhenNoVersionWasExpected() {
            ConflictingRepository conflicting = new ConflictingRepository(repository, 1);

            UserView view = serviceOver(conflicting).update(unconditional(ADA,
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada King")))));

            assertThat(conflicting.updateCalls.get()).isEqualTo(2);
            assertThat(view.version()).isEqualTo(1);
            assertThat(view.displayName()).isEqualTo("Ada King");
            assertThat(stored(ADA).displayName()).isEqualTo(new DisplayName("Ada King"));
            assertThat(stored(ADA).version()).isEqualTo(1);
            assertThat(auditLog.events()).as("one event for the attempt that committed").singleElement()
                    .satisfies(stored -> assertThat(stored.event().details()).containsEntry("fields", "displayName"));
        }

        @Test
        void givesUpAfterTheLastAttemptLosesAgain() {
            ConflictingRepository conflicting = new ConflictingRepository(repository, Integer.MAX_VALUE);
            UserSnapshot before = stored(ADA);

            assertThatThrownBy(() -> serviceOver(conflicting).update(unconditional(ADA,
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada King"))))))
                    .isInstanceOf(UserVersionConflictException.class);

            assertThat(conflicting.updateCalls.get()).isEqualTo(Retry.ATTEMPTS);
            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void doesNotRetryAConflictWhenAVersionWasExpected() {
            ConflictingRepository conflicting = new ConflictingRepository(repository, 1);
            UserSnapshot before = stored(ADA);

            assertThatThrownBy(() -> serviceOver(conflicting).update(new UpdateUserCommand(ADA, OptionalLong.of(0),
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada King"))))))
                    .isInstanceOf(UserVersionConflictException.class);

            assertThat(conflicting.updateCalls.get()).isEqualTo(1);
            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Nested
    class Refusals {

        @Test
        void refusesToChangeAnAnonymizedUser() {
            UserId erased = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000003"));
            add(Users.anActiveUser().withId(erased).withEmail("erased@example.org").anonymized().build());
            UserSnapshot before = stored(erased);

            assertThatThrownBy(() -> service.update(unconditional(erased,
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Someone"))))))
                    .isInstanceOf(IllegalUserStateTransitionException.class);

            assertThat(stored(erased)).isEqualTo(before);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void refusesAnUnknownId() {
            UserId unknown = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ff"));

            assertThatThrownBy(() -> service.update(unconditional(unknown,
                    ProfileChange.none().withDisplayName(Change.set(new DisplayName("Someone"))))))
                    .isInstanceOf(UserNotFoundException.class)
                    .satisfies(e -> assertThat(((UserNotFoundException) e).userId()).isEqualTo(unknown));
            assertThat(store.size()).isEqualTo(2);
        }
    }

    @Nested
    class NoOp {

        @Test
        void aPatchThatSetsTheCurrentValuesDoesNotBumpTheVersion() {
            UserSnapshot before = stored(ADA);
            long writesBefore = store.modifications();

            UserView view = service.update(unconditional(ADA, ProfileChange.none()
                    .withEmail(new Email("ada@example.org"))
                    .withDisplayName(Change.set(new DisplayName("Ada Lovelace")))
                    .withPhone(Change.set(new Phone("+441234567890")))
                    .withAttributes(new AttributeChanges(false, Map.of("team", "engines"), Set.of("unknown-key")))));

            assertThat(view.version()).isZero();
            assertThat(view.updatedAt()).isEqualTo(Users.CREATED_AT);
            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(writesBefore);
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void anEmptyPatchDoesNotBumpTheVersionEvenWithAnExpectedVersion() {
            UserSnapshot before = stored(ADA);

            UserView view = service.update(new UpdateUserCommand(ADA, OptionalLong.of(0), ProfileChange.none()));

            assertThat(view.version()).isZero();
            assertThat(view).isEqualTo(UserView.of(before));
            assertThat(stored(ADA)).isEqualTo(before);
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Nested
    class Audit {

        @Test
        void anUpdateRecordsTheNamesOfTheChangedFieldsAndNoValues() {
            service.update(unconditional(ADA, ProfileChange.none().withDisplayName(Change.set(new DisplayName("Ada King")))));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.USER_UPDATED);
                assertThat(stored.event().target()).contains(ADA);
                assertThat(stored.event().actor()).isEqualTo(FixedActor.DEFAULT);
                assertThat(stored.event().occurredAt()).isEqualTo(NOW);
                assertThat(stored.event().details()).containsExactlyEntriesOf(Map.of("fields", "displayName"));
                assertHoldsNone(stored, "Ada King", "Ada Lovelace", "ada@example.org");
            });
        }

        @Test
        void anUpdateOfEveryFieldNamesEachOnceInTheCataloguesOrder() {
            service.update(unconditional(ADA, ProfileChange.none()
                    .withEmail(new Email("ada.king@example.org"))
                    .withDisplayName(Change.set(new DisplayName("Ada King")))
                    .withPhone(Change.set(new Phone("+4915112345678")))
                    .withAttributes(new AttributeChanges(false, Map.of("floor", "4", "desk", "42"), Set.of("city")))));

            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().details())
                        .containsExactlyEntriesOf(Map.of("fields", "email,displayName,phone,attributes"));
                assertHoldsNone(stored, "ada.king@example.org", "ada@example.org", "Ada King", "Ada Lovelace",
                        "+4915112345678", "+441234567890", "London", "engines");
            });
        }

        @Test
        void onlyTheFieldsWhoseValueChangedAreNamed() {
            service.update(unconditional(ADA, ProfileChange.none()
                    .withEmail(new Email("ada@example.org"))
                    .withDisplayName(Change.set(new DisplayName("Ada Lovelace")))
                    .withPhone(Change.clear())));

            assertThat(auditLog.events()).singleElement()
                    .satisfies(stored -> assertThat(stored.event().details()).containsExactlyEntriesOf(Map.of("fields", "phone")));
        }

        @Test
        void eachCommittedUpdateIsOneEventInOrder() {
            service.update(unconditional(ADA, ProfileChange.none().withPhone(Change.clear())));
            service.update(unconditional(GRACE, ProfileChange.none().withDisplayName(Change.clear())));

            assertThat(auditLog.events()).extracting(stored -> stored.event().target().orElseThrow())
                    .containsExactly(ADA, GRACE);
            assertThat(auditLog.events()).extracting(StoredAuditEvent::sequence).containsExactly(1L, 2L);
        }
    }

    /** Loses the optimistic-locking race on the first {@code conflicts} updates, as if another writer got there first. */
    private static final class ConflictingRepository extends ForwardingUserRepository {
        private final int conflicts;
        final AtomicInteger updateCalls = new AtomicInteger();

        ConflictingRepository(UserRepository delegate, int conflicts) {
            super(delegate);
            this.conflicts = conflicts;
        }

        @Override
        public long update(User user) {
            if (updateCalls.incrementAndGet() <= conflicts) {
                throw new UserVersionConflictException(user.id());
            }
            return delegate.update(user);
        }
    }

    private UserProfileService serviceOver(UserRepository users) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new UserProfileService(users, transactions, clock, new Auditor(auditLog, changeLog, actor, clock));
    }

    private static UpdateUserCommand unconditional(UserId id, ProfileChange change) {
        return new UpdateUserCommand(id, OptionalLong.empty(), change);
    }

    private void add(User user) {
        transactions.inTransaction(() -> repository.add(user));
    }

    private void softDelete(UserId id) {
        transactions.inTransaction(() -> {
            User user = repository.findById(id).orElseThrow();
            user.softDelete(NOW);
            repository.update(user);
        });
    }

    private UserSnapshot stored(UserId id) {
        return store.findById(id).orElseThrow();
    }
}

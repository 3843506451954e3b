package dev.roster.application.port.out.users;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.domain.user.AttributeChanges;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Change;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.ProfileChange;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.UserVersionConflictException;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link UserRepository} must do (its Javadoc, as tests). Subclassed for the in-memory fake and for JDBC
 * on H2 and PostgreSQL; each subclass starts every test with an empty store and hands over the {@link FileRepository}
 * of that same store (a purge is refused while the user owns files). Every repository call runs inside
 * {@link #transactions()}, as JDBC needs. Instants carry at most microseconds, the precision both databases keep.
 */
public abstract class UserRepositoryContract {
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Instant LATER = Instant.parse("2026-02-01T10:20:30.654321Z");
    private static final Instant MUCH_LATER = Instant.parse("2026-03-01T00:00:00Z");
    private static final UserId UNKNOWN_ID = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ff"));

    protected abstract UserRepository repository();

    protected abstract TransactionBoundary transactions();

    protected abstract FileRepository files();

    @Test
    void addThenFindByIdReturnsAnEqualSnapshot() {
        User user = Users.anActiveUser()
                .withEmail("Ada.Lovelace@Example.org")
                .withDisplayName("Ada Lovelace")
                .withPhone("+441234567890")
                .withAttributes(Map.of("team", "analytical-engine", "city", "Zürich", "empty", ""))
                .withRoles(Role.ADMIN, Role.AUDITOR)
                .withPasswordHash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g")
                .createdAt(CREATED)
                .build();

        add(user);

        UserSnapshot stored = load(user.id()).snapshot();
        assertThat(stored).isEqualTo(user.snapshot());
        assertThat(stored.version()).isZero();
        assertThat(stored.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void keepsEveryLifecycleTimestampToTheMicrosecond() {
        UserSnapshot snapshot = new UserSnapshot(
                Users.DEFAULT_ID, new Email("ada@example.org"), new DisplayName("Ada"), new Phone("+441234567890"),
                Attributes.of(Map.of("team", "engines")), Set.of(Role.USER, Role.AUDITOR),
                new PasswordHash("$2a$10$abcdefghijklmnopqrstuv"), false,
                Instant.parse("2026-01-01T00:00:00.000001Z"),
                Instant.parse("2026-01-04T05:06:07.999999Z"),
                Instant.parse("2026-01-02T01:02:03.456789Z"),
                Instant.parse("2026-01-04T05:06:07.999999Z"),
                null, 0, 4, true, null, true);

        add(User.rehydrate(snapshot));

        UserSnapshot stored = load(Users.DEFAULT_ID).snapshot();
        assertThat(stored).isEqualTo(snapshot);
        assertThat(stored.status()).isEqualTo(UserStatus.DELETED);
        assertThat(stored.active()).isFalse();
    }

    @Test
    void findByIdOfAnUnknownIdIsEmpty() {
        add(Users.anActiveUser().build());

        assertThat(inTransaction(() -> repository().findById(UNKNOWN_ID))).isEmpty();
    }

    @Test
    void findByEmailIgnoresCase() {
        User user = Users.anActiveUser().withEmail("ada@example.org").build();
        add(user);

        Optional<User> found = inTransaction(() -> repository().findByEmail(new Email("ADA@Example.ORG")));

        assertThat(found).hasValueSatisfying(u -> assertThat(u.snapshot()).isEqualTo(user.snapshot()));
    }

    @Test
    void findByEmailIgnoresCaseOfNonAsciiLetters() {
        User user = Users.anActiveUser().withEmail("äda@example.org").build();
        add(user);

        Optional<User> found = inTransaction(() -> repository().findByEmail(new Email("ÄDA@EXAMPLE.ORG")));

        assertThat(found).hasValueSatisfying(u -> {
            assertThat(u.id()).isEqualTo(user.id());
            assertThat(u.email().value()).isEqualTo("äda@example.org");
        });
    }

    @Test
    void findByEmailOfAnUnknownEmailIsEmpty() {
        add(Users.anActiveUser().withEmail("ada@example.org").build());

        assertThat(inTransaction(() -> repository().findByEmail(new Email("ada@example.com")))).isEmpty();
    }

    @Test
    void addingASecondUserWithTheSameEmailInAnotherCaseIsRejected() {
        add(Users.anActiveUser().withEmail("ada@example.org").build());
        User second = Users.anAdmin().withEmail("ADA@EXAMPLE.ORG").build();

        assertThatThrownBy(() -> add(second)).isInstanceOf(EmailAlreadyTakenException.class);
        assertThat(inTransaction(() -> repository().findById(second.id()))).isEmpty();
    }

    @Test
    void addingASecondUserWithTheSameNonAsciiEmailInAnotherCaseIsRejected() {
        add(Users.anActiveUser().withEmail("äda@example.org").build());
        User second = Users.anAdmin().withEmail("ÄDA@example.org").build();

        assertThatThrownBy(() -> add(second)).isInstanceOf(EmailAlreadyTakenException.class);
        assertThat(inTransaction(() -> repository().findById(second.id()))).isEmpty();
    }

    @Test
    void anAddInATransactionThatFailsIsRolledBack() {
        User user = Users.anActiveUser().build();

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            repository().add(user);
            throw new IllegalStateException("fails after the add");
        })).isInstanceOf(IllegalStateException.class).hasMessage("fails after the add");

        assertThat(inTransaction(() -> repository().findById(user.id()))).isEmpty();
        assertThat(inTransaction(() -> repository().findByEmail(user.email()))).isEmpty();
    }

    @Test
    void addAllStoresEveryUserWithItsRolesAndAttributesAtVersionZero() {
        User ada = Users.anActiveUser()
                .withId(id(11))
                .withEmail("Ada.Lovelace@Example.org")
                .withDisplayName("Ada Lovelace")
                .withPhone("+441234567890")
                .withAttributes(Map.of("team", "analytical-engine", "city", "Zürich", "empty", ""))
                .withRoles(Role.ADMIN, Role.AUDITOR)
                .withPasswordHash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g")
                .createdAt(CREATED)
                .build();
        User grace = Users.anActiveUser()
                .withId(id(12))
                .withEmail("grace@example.org")
                .withDisplayName(null)
                .withAttributes(Map.of("floor", "3"))
                .withRoles(Role.AUDITOR)
                .createdAt(LATER)
                .build();
        User ken = Users.anActiveUser().withId(id(13)).withEmail("ken@example.org").build();
        User loadedAtVersionThree = User.rehydrate(
                Users.anActiveUser().withId(id(14)).withEmail("linus@example.org").snapshot().withVersion(3));
        List<User> batch = List.of(ada, grace, ken, loadedAtVersionThree);

        transactions().inTransaction(() -> repository().addAll(batch));

        for (User user : batch) {
            UserSnapshot expected = user.snapshot().withVersion(0);
            assertThat(load(user.id()).snapshot()).isEqualTo(expected);
            assertThat(inTransaction(() -> repository().findByEmail(user.email())))
                    .hasValueSatisfying(found -> assertThat(found.snapshot()).isEqualTo(expected));
        }
        assertThat(load(ada.id()).roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN, Role.AUDITOR);
        assertThat(load(ada.id()).attributes().asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "analytical-engine", "city", "Zürich", "empty", ""));
        assertThat(load(ken.id()).roles()).containsExactly(Role.USER);
        assertThat(load(ken.id()).attributes().isEmpty()).isTrue();
    }

    @Test
    void addAllWithAnEmailAlreadyStoredIsRejectedAndItsRolledBackTransactionStoresNoneOfTheList() {
        User stored = Users.anAdmin().withId(id(21)).withEmail("grace@example.org").build();
        add(stored);
        User first = Users.anActiveUser().withId(id(22)).withEmail("ada@example.org").withRoles(Role.AUDITOR)
                .withAttributes(Map.of("team", "engines")).build();
        User taken = Users.anActiveUser().withId(id(23)).withEmail("GRACE@Example.org").build();
        User last = Users.anActiveUser().withId(id(24)).withEmail("ken@example.org").build();

        assertThatThrownBy(() -> transactions().inTransaction(() -> repository().addAll(List.of(first, taken, last))))
                .isInstanceOf(EmailAlreadyTakenException.class);

        for (User user : List.of(first, taken, last)) {
            assertThat(inTransaction(() -> repository().findById(user.id()))).as("user %s", user.id()).isEmpty();
        }
        assertThat(inTransaction(() -> repository().findByEmail(first.email()))).isEmpty();
        assertThat(inTransaction(() -> repository().findByEmail(last.email()))).isEmpty();
        assertThat(inTransaction(() -> repository().takenEmails(List.of(first.email(), last.email())))).isEmpty();
        assertThat(load(stored.id()).snapshot()).isEqualTo(stored.snapshot());
        assertThat(inTransaction(() -> repository().findByEmail(taken.email())))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(stored.id()));
    }

    @Test
    void addAllWithTwoUsersOfTheSameEmailInAnotherCaseIsRejectedAndStoresNoneOfTheList() {
        User ada = Users.anActiveUser().withId(id(31)).withEmail("ada@example.org").build();
        User grace = Users.anActiveUser().withId(id(32)).withEmail("grace@example.org").build();
        User adaAgain = Users.anActiveUser().withId(id(33)).withEmail("ADA@Example.ORG").build();

        assertThatThrownBy(() -> transactions().inTransaction(() -> repository().addAll(List.of(ada, grace, adaAgain))))
                .isInstanceOf(EmailAlreadyTakenException.class);

        for (User user : List.of(ada, grace, adaAgain)) {
            assertThat(inTransaction(() -> repository().findById(user.id()))).as("user %s", user.id()).isEmpty();
        }
        assertThat(inTransaction(() -> repository().findByEmail(ada.email()))).isEmpty();
    }

    @Test
    void takenEmailsReturnsTheCanonicalFormsOfTheStoredEmailsAmongThoseAskedWhateverTheirCaseAndStatus() {
        add(Users.anActiveUser().withId(id(41)).withEmail("Ada.Lovelace@Example.org").build());
        add(Users.anActiveUser().withId(id(42)).withEmail("grace@example.org").deactivated().deleted().build());
        add(Users.anActiveUser().withId(id(43)).withEmail("äda@example.org").build());
        add(Users.anActiveUser().withId(id(44)).withEmail("not-asked@example.org").build());

        Set<String> taken = inTransaction(() -> repository().takenEmails(List.of(
                new Email("ada.lovelace@EXAMPLE.ORG"),
                new Email("GRACE@example.org"),
                new Email("ÄDA@example.org"),
                new Email("Grace@Example.org"),
                new Email("unknown@example.org"),
                new Email("ada.lovelace@example.com"))));

        assertThat(taken).containsExactlyInAnyOrder(
                new Email("Ada.Lovelace@Example.org").canonical(),
                new Email("grace@example.org").canonical(),
                new Email("äda@example.org").canonical());
    }

    @Test
    void takenEmailsOfOnlyUnknownEmailsIsEmpty() {
        add(Users.anActiveUser().withId(id(51)).withEmail("ada@example.org").build());

        assertThat(inTransaction(() -> repository().takenEmails(
                List.of(new Email("grace@example.org"), new Email("ada@example.com"))))).isEmpty();
    }

    @Test
    void takenEmailsDoesNotCountTheFormerEmailOfAnAnonymizedUser() {
        User user = Users.anActiveUser().withId(id(61)).withEmail("ada@example.org").anonymized().build();
        add(user);

        assertThat(inTransaction(() -> repository().takenEmails(List.of(new Email("ada@example.org"))))).isEmpty();
    }

    @Test
    void takenEmailsOfAnEmptyCollectionIsEmpty() {
        add(Users.anActiveUser().withId(id(71)).withEmail("ada@example.org").build());

        assertThat(inTransaction(() -> repository().takenEmails(List.of()))).isEmpty();
    }

    @Test
    void readsWorkInAReadOnlyTransaction() {
        User user = Users.anActiveUser().build();
        add(user);

        Optional<User> found = transactions().readOnly(() -> repository().findById(user.id()));

        assertThat(found).hasValueSatisfying(u -> assertThat(u.snapshot()).isEqualTo(user.snapshot()));
    }

    @Test
    void updateStoresALifecycleChangeAndReturnsTheNextVersion() {
        User user = Users.anActiveUser().build();
        add(user);
        User loaded = load(user.id());
        loaded.softDelete(LATER);

        long version = inTransaction(() -> repository().update(loaded));

        assertThat(version).isEqualTo(1);
        UserSnapshot stored = load(user.id()).snapshot();
        assertThat(stored.status()).isEqualTo(UserStatus.DELETED);
        assertThat(stored.deletedAt()).isEqualTo(LATER);
        assertThat(stored.updatedAt()).isEqualTo(LATER);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored).isEqualTo(loaded.snapshot().withVersion(1));
    }

    @Test
    void updateStoresTheLegalHoldAndTheErasureReceipt() {
        User user = Users.anActiveUser().build();
        add(user);
        User held = load(user.id());
        held.changeLegalHold(true, LATER);
        inTransaction(() -> repository().update(held));
        assertThat(load(user.id()).isOnLegalHold()).isTrue();

        User erased = load(user.id());
        erased.changeLegalHold(false, LATER);
        erased.anonymize(LATER);
        java.util.UUID receipt = java.util.UUID.fromString("019b76da-a800-7000-8000-0000000000aa");
        erased.recordErasureReceipt(receipt);
        inTransaction(() -> repository().update(erased));

        User stored = load(user.id());
        assertThat(stored.isOnLegalHold()).isFalse();
        assertThat(stored.erasureReceiptId()).contains(receipt);
    }

    @Test
    void updateStoresTheRestrictionAndItsLift() {
        User user = Users.anActiveUser().build();
        add(user);
        User restricted = load(user.id());
        restricted.changeRestriction(true, LATER);
        inTransaction(() -> repository().update(restricted));
        assertThat(load(user.id()).isRestricted()).isTrue();
        assertThat(load(user.id()).version()).isEqualTo(1);

        User lifted = load(user.id());
        lifted.changeRestriction(false, LATER);
        inTransaction(() -> repository().update(lifted));

        assertThat(load(user.id()).isRestricted()).isFalse();
    }

    @Test
    void updateStoresTheSessionGeneration() {
        User user = Users.anActiveUser().build();
        add(user);
        User loaded = load(user.id());
        loaded.endSessions(LATER);
        loaded.endSessions(LATER);

        inTransaction(() -> repository().update(loaded));

        assertThat(load(user.id()).sessionGeneration()).isEqualTo(2);
    }

    @Test
    void eachUpdateIncrementsTheVersionByOne() {
        User user = Users.anActiveUser().build();
        add(user);
        User first = load(user.id());
        first.deactivate(LATER);
        long afterFirst = inTransaction(() -> repository().update(first));
        User second = load(user.id());
        second.reactivate(MUCH_LATER);

        long afterSecond = inTransaction(() -> repository().update(second));

        assertThat(afterFirst).isEqualTo(1);
        assertThat(afterSecond).isEqualTo(2);
        assertThat(load(user.id()).version()).isEqualTo(2);
        assertThat(load(user.id()).status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void updateFromAStaleVersionIsRejectedAndChangesNothing() {
        User user = Users.anActiveUser().build();
        add(user);
        User winner = load(user.id());
        User loser = load(user.id());
        winner.softDelete(LATER);
        inTransaction(() -> repository().update(winner));
        UserSnapshot afterWinner = load(user.id()).snapshot();
        loser.deactivate(MUCH_LATER);

        assertThatThrownBy(() -> inTransaction(() -> repository().update(loser)))
                .isInstanceOf(UserVersionConflictException.class);

        assertThat(load(user.id()).snapshot()).isEqualTo(afterWinner);
        assertThat(afterWinner.status()).isEqualTo(UserStatus.DELETED);
        assertThat(afterWinner.version()).isEqualTo(1);
    }

    @Test
    void changingTheEmailToOneAnotherUserHasIsRejectedOnUpdate() {
        User ada = Users.anActiveUser().withEmail("ada@example.org").build();
        add(ada);
        add(Users.anAdmin().withEmail("grace@example.org").build());
        User loaded = load(ada.id());
        loaded.changeProfile(ProfileChange.none().withEmail(new Email("GRACE@example.org")), LATER);

        assertThatThrownBy(() -> inTransaction(() -> repository().update(loaded)))
                .isInstanceOf(EmailAlreadyTakenException.class);

        assertThat(load(ada.id()).snapshot()).isEqualTo(ada.snapshot());
        assertThat(inTransaction(() -> repository().findByEmail(new Email("ada@example.org"))))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(ada.id()));
    }

    @Test
    void changingOnlyTheCaseOfTheOwnEmailIsStored() {
        User ada = Users.anActiveUser().withEmail("ada@example.org").build();
        add(ada);
        User loaded = load(ada.id());
        loaded.changeProfile(ProfileChange.none().withEmail(new Email("Ada@Example.org")), LATER);

        long version = inTransaction(() -> repository().update(loaded));

        assertThat(version).isEqualTo(1);
        assertThat(inTransaction(() -> repository().findByEmail(new Email("ada@example.org"))))
                .hasValueSatisfying(u -> assertThat(u.email().value()).isEqualTo("Ada@Example.org"));
    }

    @Test
    void anEmailGivenUpByOneUserCanBeTakenByAnother() {
        User ada = Users.anActiveUser().withEmail("ada@example.org").build();
        add(ada);
        User loaded = load(ada.id());
        loaded.changeProfile(ProfileChange.none().withEmail(new Email("ada.king@example.org")), LATER);
        inTransaction(() -> repository().update(loaded));
        User newcomer = Users.anAdmin().withEmail("ADA@example.org").build();

        add(newcomer);

        assertThat(inTransaction(() -> repository().findByEmail(new Email("ada@example.org"))))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(newcomer.id()));
        assertThat(inTransaction(() -> repository().findByEmail(new Email("ada.king@example.org"))))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(ada.id()));
    }

    @Test
    void theStoredUserIsACopyOfTheLoadedOne() {
        User user = Users.anActiveUser().withEmail("ada@example.org").build();
        add(user);
        User loaded = load(user.id());

        loaded.changeProfile(ProfileChange.none()
                .withEmail(new Email("changed@example.org"))
                .withDisplayName(Change.clear())
                .withAttributes(AttributeChanges.replaceWith(Attributes.of(Map.of("k", "v")))), LATER);
        loaded.grantRole(Role.ADMIN, LATER);
        loaded.softDelete(LATER);

        assertThat(load(user.id()).snapshot()).isEqualTo(user.snapshot());
        assertThat(inTransaction(() -> repository().findByEmail(new Email("changed@example.org")))).isEmpty();
    }

    @Test
    void theStoredUserIsACopyOfTheAddedOne() {
        User user = Users.anActiveUser().build();
        UserSnapshot asAdded = user.snapshot();
        add(user);

        user.deactivate(LATER);
        user.grantRole(Role.AUDITOR, LATER);

        assertThat(load(user.id()).snapshot()).isEqualTo(asAdded);
    }

    @Test
    void eachReadReturnsAFreshAggregate() {
        User user = Users.anActiveUser().build();
        add(user);
        User first = load(user.id());

        first.deactivate(LATER);

        assertThat(load(user.id()).status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(inTransaction(() -> repository().findByEmail(user.email())))
                .hasValueSatisfying(u -> assertThat(u.status()).isEqualTo(UserStatus.ACTIVE));
    }

    @Test
    void rolesAndAttributesSurviveRoundTrips() {
        User user = Users.anActiveUser()
                .withRoles(Role.ADMIN)
                .withAttributes(Map.of("team", "engines", "floor", "3", "city", "London"))
                .build();
        add(user);
        User loaded = load(user.id());
        loaded.grantRole(Role.AUDITOR, LATER);
        loaded.revokeRole(Role.ADMIN, LATER);
        loaded.changeProfile(ProfileChange.none().withAttributes(
                new AttributeChanges(false, Map.of("floor", "4", "desk", "ü-42"), Set.of("city"))), LATER);

        inTransaction(() -> repository().update(loaded));

        User stored = load(user.id());
        assertThat(stored.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
        assertThat(stored.attributes().asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "engines", "floor", "4", "desk", "ü-42"));
        assertThat(stored.snapshot()).isEqualTo(loaded.snapshot().withVersion(1));
    }

    @Test
    void removingEveryAttributeAndExtraRoleIsStored() {
        User user = Users.anActiveUser()
                .withRoles(Role.ADMIN, Role.AUDITOR)
                .withAttributes(Map.of("team", "engines", "floor", "3"))
                .build();
        add(user);
        User loaded = load(user.id());
        loaded.changeProfile(ProfileChange.none().withAttributes(AttributeChanges.clearAll()), LATER);
        loaded.revokeRole(Role.ADMIN, LATER);
        loaded.revokeRole(Role.AUDITOR, LATER);

        inTransaction(() -> repository().update(loaded));

        User stored = load(user.id());
        assertThat(stored.attributes().isEmpty()).isTrue();
        assertThat(stored.attributes()).isEqualTo(Attributes.none());
        assertThat(stored.roles()).containsExactly(Role.USER);
    }

    @Test
    void anAnonymizedUserRoundTripsWithAPlaceholderEmailAndClearedFields() {
        User user = Users.anActiveUser()
                .withEmail("ada@example.org")
                .withDisplayName("Ada Lovelace")
                .withPhone("+441234567890")
                .withAttributes(Map.of("team", "engines"))
                .withPasswordHash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
                .build();
        add(user);
        User loaded = load(user.id());
        loaded.anonymize(LATER);

        long version = inTransaction(() -> repository().update(loaded));

        UserSnapshot stored = load(user.id()).snapshot();
        assertThat(version).isEqualTo(1);
        assertThat(stored).isEqualTo(loaded.snapshot().withVersion(1));
        assertThat(stored.status()).isEqualTo(UserStatus.ANONYMIZED);
        assertThat(stored.email()).isEqualTo(Email.placeholderFor(user.id()));
        assertThat(stored.email().isPlaceholder()).isTrue();
        assertThat(stored.displayName()).isNull();
        assertThat(stored.phone()).isNull();
        assertThat(stored.attributes().isEmpty()).isTrue();
        assertThat(stored.passwordHash()).isNull();
        assertThat(stored.active()).isFalse();
        assertThat(stored.anonymizedAt()).isEqualTo(LATER);
        assertThat(stored.deletedAt()).isEqualTo(LATER);
        assertThat(inTransaction(() -> repository().findByEmail(new Email("ada@example.org")))).isEmpty();
        assertThat(inTransaction(() -> repository().findByEmail(Email.placeholderFor(user.id()))))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(user.id()));
    }

    @Test
    void theEmailOfAnAnonymizedUserCanBeRegisteredAgain() {
        User user = Users.anActiveUser().withEmail("ada@example.org").build();
        add(user);
        User loaded = load(user.id());
        loaded.anonymize(LATER);
        inTransaction(() -> repository().update(loaded));
        User newcomer = Users.anAdmin().withEmail("ada@example.org").build();

        add(newcomer);

        assertThat(inTransaction(() -> repository().findByEmail(new Email("ada@example.org"))))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(newcomer.id()));
    }

    @Test
    void recordLoginSetsTheLoginTimeAndKeepsTheVersion() {
        User user = Users.anActiveUser().withPasswordHash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA").build();
        add(user);
        User loaded = load(user.id());
        loaded.grantRole(Role.AUDITOR, LATER);
        inTransaction(() -> repository().update(loaded));
        UserSnapshot before = load(user.id()).snapshot();

        transactions().inTransaction(() -> repository().recordLogin(user.id(), MUCH_LATER));

        UserSnapshot after = load(user.id()).snapshot();
        assertThat(after.lastLoginAt()).isEqualTo(MUCH_LATER);
        assertThat(after.version()).isEqualTo(before.version()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(after).isEqualTo(withLastLogin(before, MUCH_LATER));
    }

    @Test
    void theLatestRecordedLoginWins() {
        User user = Users.anActiveUser().build();
        add(user);

        transactions().inTransaction(() -> repository().recordLogin(user.id(), LATER));
        transactions().inTransaction(() -> repository().recordLogin(user.id(), MUCH_LATER));

        assertThat(load(user.id()).snapshot().lastLoginAt()).isEqualTo(MUCH_LATER);
        assertThat(load(user.id()).version()).isZero();
    }

    @Test
    void aRecordedLoginIsFoundByEmailToo() {
        User user = Users.anActiveUser().withEmail("ada@example.org").build();
        add(user);

        transactions().inTransaction(() -> repository().recordLogin(user.id(), LATER));

        assertThat(inTransaction(() -> repository().findByEmail(new Email("ADA@example.org"))))
                .hasValueSatisfying(u -> assertThat(u.snapshot().lastLoginAt()).isEqualTo(LATER));
    }

    @Test
    void recordLoginTouchesNoOtherUser() {
        User ada = Users.anActiveUser().build();
        User grace = Users.anAdmin().build();
        add(ada);
        add(grace);

        transactions().inTransaction(() -> repository().recordLogin(ada.id(), LATER));

        assertThat(load(grace.id()).snapshot()).isEqualTo(grace.snapshot());
    }

    @Test
    void aRecordedLoginDoesNotInvalidateAnEarlierLoadedVersion() {
        User user = Users.anActiveUser().build();
        add(user);
        User loadedBeforeTheLogin = load(user.id());
        transactions().inTransaction(() -> repository().recordLogin(user.id(), LATER));
        loadedBeforeTheLogin.grantRole(Role.AUDITOR, MUCH_LATER);

        long version = inTransaction(() -> repository().update(loadedBeforeTheLogin));

        assertThat(version).isEqualTo(1);
        assertThat(load(user.id()).roles()).contains(Role.AUDITOR);
        assertThat(load(user.id()).snapshot().lastLoginAt()).as("the login is not erased by the older copy").isEqualTo(LATER);
    }

    @Test
    void anUpdateOfAUserLoadedAfterALoginKeepsTheLoginTime() {
        User user = Users.anActiveUser().build();
        add(user);
        transactions().inTransaction(() -> repository().recordLogin(user.id(), LATER));
        User loaded = load(user.id());
        loaded.deactivate(MUCH_LATER);

        inTransaction(() -> repository().update(loaded));

        UserSnapshot stored = load(user.id()).snapshot();
        assertThat(stored.lastLoginAt()).isEqualTo(LATER);
        assertThat(stored.status()).isEqualTo(UserStatus.DEACTIVATED);
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void countActiveAdminsLockedOfAnEmptyStoreIsZero() {
        assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isZero();
    }

    @Test
    void countActiveAdminsLockedCountsOnlyActiveUsersHoldingAdmin() {
        add(Users.anAdmin().withId(id(1)).withEmail("admin1@example.org").build());
        add(Users.anAdmin().withId(id(2)).withEmail("admin2@example.org").withRoles(Role.ADMIN, Role.AUDITOR).build());
        add(Users.anAdmin().withId(id(3)).withEmail("deactivated@example.org").deactivated().build());
        add(Users.anAdmin().withId(id(4)).withEmail("deleted@example.org").deleted().build());
        add(Users.anAdmin().withId(id(5)).withEmail("deleted.deactivated@example.org").deactivated().deleted().build());
        add(Users.anAdmin().withId(id(6)).withEmail("anonymized@example.org").anonymized().build());
        add(Users.anActiveUser().withId(id(7)).withEmail("auditor@example.org").withRoles(Role.AUDITOR).build());
        add(Users.anActiveUser().withId(id(8)).withEmail("user@example.org").build());

        assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isEqualTo(2);
    }

    @Test
    void countActiveAdminsLockedFollowsRoleAndStatusChanges() {
        add(Users.anAdmin().withId(id(1)).withEmail("admin1@example.org").build());
        add(Users.anActiveUser().withId(id(2)).withEmail("user@example.org").build());
        assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isEqualTo(1);

        User promoted = load(id(2));
        promoted.grantRole(Role.ADMIN, LATER);
        inTransaction(() -> repository().update(promoted));
        assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isEqualTo(2);

        User deactivated = load(id(1));
        deactivated.deactivate(LATER);
        inTransaction(() -> repository().update(deactivated));
        assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isEqualTo(1);

        User demoted = load(id(2));
        demoted.revokeRole(Role.ADMIN, MUCH_LATER);
        inTransaction(() -> repository().update(demoted));
        assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isZero();

        User reactivated = load(id(1));
        reactivated.reactivate(MUCH_LATER);
        inTransaction(() -> repository().update(reactivated));
        assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isEqualTo(1);
    }

    @Test
    void countActiveAdminsLockedSeesTheChangesOfItsOwnTransaction() {
        add(Users.anAdmin().withId(id(1)).withEmail("admin1@example.org").build());
        add(Users.anAdmin().withId(id(2)).withEmail("admin2@example.org").build());

        long[] counts = inTransaction(() -> {
            long first = repository().countActiveAdminsLocked();
            User user = repository().findById(id(1)).orElseThrow();
            user.deactivate(LATER);
            repository().update(user);
            return new long[] {first, repository().countActiveAdminsLocked()};
        });

        assertThat(counts).containsExactly(2, 1);
    }

    @Test
    void countActiveAdminsLockedMakesASecondCallerWaitAndSeeTheFirstOnesChange() throws Exception {
        add(Users.anAdmin().withId(id(1)).withEmail("admin1@example.org").build());
        add(Users.anAdmin().withId(id(2)).withEmail("admin2@example.org").build());
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Long> first = executor.submit(() -> inTransaction(() -> {
                long count = repository().countActiveAdminsLocked();
                firstHoldsTheLock.countDown();
                awaitQuietly(secondStarted);
                sleepQuietly(300); // give the second caller time to block on the lock
                User user = repository().findById(id(1)).orElseThrow();
                user.deactivate(LATER);
                repository().update(user);
                return count;
            }));
            awaitQuietly(firstHoldsTheLock);
            Future<Long> second = executor.submit(() -> {
                secondStarted.countDown();
                return inTransaction(() -> repository().countActiveAdminsLocked());
            });

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(second.get(10, TimeUnit.SECONDS)).as("counted after the first transaction committed").isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Nested
    class Delete {
        private final OwnedFile adasFile = new OwnedFile(UUID.fromString("019b76da-a800-7000-9000-000000000001"),
                id(81), "cv.pdf", 2048, "application/pdf", LATER);

        @Test
        void removesTheUserAndSaysItWasThere() {
            User ada = Users.anActiveUser().withId(id(81)).withEmail("ada@example.org").withRoles(Role.ADMIN)
                    .withAttributes(Map.of("team", "engines")).build();
            add(ada);

            boolean deleted = inTransaction(() -> repository().delete(ada.id()));

            assertThat(deleted).isTrue();
            assertThat(inTransaction(() -> repository().findById(ada.id()))).isEmpty();
            assertThat(inTransaction(() -> repository().findByEmail(new Email("ADA@example.org")))).isEmpty();
            assertThat(inTransaction(() -> repository().takenEmails(List.of(ada.email())))).isEmpty();
        }

        @Test
        void removesAUserInEveryStatus() {
            List<User> users = List.of(
                    Users.anActiveUser().withId(id(81)).withEmail("active@example.org").build(),
                    Users.anActiveUser().withId(id(82)).withEmail("deactivated@example.org").deactivated().build(),
                    Users.anActiveUser().withId(id(83)).withEmail("deleted@example.org").deleted().build(),
                    Users.anActiveUser().withId(id(84)).withEmail("anonymized@example.org").anonymized().build());
            users.forEach(UserRepositoryContract.this::add);

            for (User user : users) {
                assertThat(inTransaction(() -> repository().delete(user.id()))).as("%s", user.status()).isTrue();
                assertThat(inTransaction(() -> repository().findById(user.id()))).as("%s", user.status()).isEmpty();
            }
        }

        @Test
        void saysThereWasNoneForAnUnknownIdAndForAUserAlreadyRemoved() {
            User ada = Users.anActiveUser().withId(id(81)).build();
            add(ada);

            assertThat(inTransaction(() -> repository().delete(UNKNOWN_ID))).isFalse();
            assertThat(inTransaction(() -> repository().delete(ada.id()))).isTrue();
            assertThat(inTransaction(() -> repository().delete(ada.id()))).isFalse();
        }

        @Test
        void touchesNoOtherUser() {
            User ada = Users.anActiveUser().withId(id(81)).withEmail("ada@example.org").build();
            User grace = Users.anAdmin().withId(id(82)).withEmail("grace@example.org").withRoles(Role.ADMIN, Role.AUDITOR)
                    .withAttributes(Map.of("team", "compilers")).build();
            add(ada);
            add(grace);

            inTransaction(() -> repository().delete(ada.id()));

            assertThat(load(grace.id()).snapshot()).isEqualTo(grace.snapshot());
            assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isEqualTo(1);
        }

        @Test
        void takesTheRolesAndAttributesWithItSoTheIdAndEmailCanBeStoredAfresh() {
            add(Users.anActiveUser().withId(id(81)).withEmail("ada@example.org").withRoles(Role.ADMIN, Role.AUDITOR)
                    .withAttributes(Map.of("team", "engines", "city", "London")).build());
            inTransaction(() -> repository().delete(id(81)));
            User again = Users.anActiveUser().withId(id(81)).withEmail("ADA@example.org")
                    .withAttributes(Map.of("floor", "3")).createdAt(LATER).build();

            add(again);

            User stored = load(id(81));
            assertThat(stored.snapshot()).isEqualTo(again.snapshot());
            assertThat(stored.roles()).containsExactly(Role.USER);
            assertThat(stored.attributes().asMap()).containsExactlyEntriesOf(Map.of("floor", "3"));
            assertThat(inTransaction(() -> repository().countActiveAdminsLocked())).isZero();
        }

        @Test
        void freesTheEmailForAnotherUser() {
            add(Users.anActiveUser().withId(id(81)).withEmail("ada@example.org").build());
            inTransaction(() -> repository().delete(id(81)));
            User newcomer = Users.anAdmin().withId(id(82)).withEmail("Ada@Example.org").build();

            add(newcomer);

            assertThat(inTransaction(() -> repository().findByEmail(new Email("ada@example.org"))))
                    .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(newcomer.id()));
        }

        @Test
        void refusesAUserWhoStillOwnsFilesAndKeepsTheUserAndTheFiles() {
            User ada = Users.anActiveUser().withId(id(81)).withRoles(Role.AUDITOR)
                    .withAttributes(Map.of("team", "engines")).build();
            add(ada);
            transactions().inTransaction(() -> files().add(adasFile));

            assertThatThrownBy(() -> inTransaction(() -> repository().delete(ada.id()))).isInstanceOf(RuntimeException.class);

            assertThat(load(ada.id()).snapshot()).isEqualTo(ada.snapshot());
            assertThat(transactions().readOnly(() -> files().findByOwner(ada.id()))).containsExactly(adasFile);
        }

        @Test
        void removesAUserWhoseFilesAreGone() {
            add(Users.anActiveUser().withId(id(81)).build());
            transactions().inTransaction(() -> files().add(adasFile));

            boolean deleted = inTransaction(() -> {
                files().deleteAllOf(id(81));
                return repository().delete(id(81));
            });

            assertThat(deleted).isTrue();
            assertThat(inTransaction(() -> repository().findById(id(81)))).isEmpty();
        }

        @Test
        void aDeleteInATransactionThatFailsIsRolledBack() {
            User ada = Users.anActiveUser().withId(id(81)).withRoles(Role.ADMIN).withAttributes(Map.of("team", "engines")).build();
            add(ada);

            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                repository().delete(ada.id());
                throw new IllegalStateException("fails after the delete");
            })).isInstanceOf(IllegalStateException.class).hasMessage("fails after the delete");

            assertThat(load(ada.id()).snapshot()).isEqualTo(ada.snapshot());
            assertThat(inTransaction(() -> repository().findByEmail(ada.email()))).isPresent();
        }
    }

    /**
     * Users deleted at D0 &lt; D1 &lt; D2 &lt; D3, all before {@link #CUTOFF}, stored out of order, beside users in every
     * other status.
     */
    @Nested
    class LockDeletedBefore {
        private static final Instant D0 = Instant.parse("2026-01-05T00:00:00Z");
        private static final Instant D1 = Instant.parse("2026-01-06T10:00:00.000001Z");
        private static final Instant D2 = Instant.parse("2026-01-07T10:00:00Z");
        private static final Instant D3 = Instant.parse("2026-01-08T23:59:59.999999Z");
        private static final Instant CUTOFF = Instant.parse("2026-01-10T00:00:00Z");

        @Test
        void returnsTheUsersDeletedBeforeTheCutoffOldestDeletionFirst() {
            add(deleted(id(93), "d2@example.org", D2));
            add(deleted(id(91), "d3@example.org", D3));
            add(Users.anActiveUser().withId(id(94)).withEmail("d0@example.org").createdAt(D0.minus(Users.DELETED_AFTER))
                    .deactivated().deleted().build());
            add(deleted(id(92), "d1@example.org", D1));
            add(Users.anActiveUser().withId(id(95)).withEmail("active@example.org").createdAt(D0).build());
            add(Users.anActiveUser().withId(id(96)).withEmail("deactivated@example.org").createdAt(D0).deactivated().build());
            add(Users.anActiveUser().withId(id(97)).withEmail("anonymized@example.org").createdAt(D0.minus(Users.DELETED_AFTER))
                    .deleted().anonymized().build());

            List<UserId> locked = inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 100));

            assertThat(locked).containsExactly(id(94), id(92), id(93), id(91));
        }

        @Test
        void theCutoffIsExclusiveToTheMicrosecond() {
            add(deleted(id(91), "before@example.org", CUTOFF.minusNanos(1_000)));
            add(deleted(id(92), "at@example.org", CUTOFF));
            add(deleted(id(93), "after@example.org", CUTOFF.plusNanos(1_000)));

            assertThat(inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 100))).containsExactly(id(91));
            assertThat(inTransaction(() -> repository().lockDeletedBefore(CUTOFF.plusNanos(1_000), 100)))
                    .containsExactly(id(91), id(92));
        }

        @Test
        void returnsAtMostTheLimitTakingTheOldestDeletions() {
            add(deleted(id(91), "d3@example.org", D3));
            add(deleted(id(92), "d1@example.org", D1));
            add(deleted(id(93), "d2@example.org", D2));
            add(deleted(id(94), "d0@example.org", D0));

            assertThat(inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 2))).containsExactly(id(94), id(92));
            assertThat(inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 1))).containsExactly(id(94));
        }

        @Test
        void isEmptyWhenNoUserWasDeletedBeforeTheCutoff() {
            add(Users.anActiveUser().withId(id(91)).withEmail("active@example.org").createdAt(D0).build());
            add(deleted(id(92), "later@example.org", CUTOFF.plusSeconds(1)));

            assertThat(inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 100))).isEmpty();
        }

        @Test
        void aRestoredUserIsNoLongerAmongThem() {
            add(deleted(id(91), "restored@example.org", D1));
            add(deleted(id(92), "kept@example.org", D2));
            User restored = load(id(91));
            restored.restore(D3);
            inTransaction(() -> repository().update(restored));

            assertThat(inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 100))).containsExactly(id(92));
        }

        @Test
        void aUserUnderALegalHoldIsNotAmongThemSoThatHeldUsersCannotFillTheBatch() {
            add(deleted(id(91), "held@example.org", D0));
            add(deleted(id(92), "kept@example.org", D2));
            User held = load(id(91));
            held.changeLegalHold(true, D3);
            inTransaction(() -> repository().update(held));

            assertThat(inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 1))).containsExactly(id(92));
        }

        /**
         * The purpose the Javadoc gives: runs at once never take the same user. Whether the second run gets the
         * others at once (skipping) or after the first commits (waiting) only a database can show: see the JDBC test.
         */
        @Test
        void twoRunsAtOnceNeverTakeTheSameUser() throws Exception {
            add(deleted(id(91), "d1@example.org", D1));
            add(deleted(id(92), "d2@example.org", D2));
            add(deleted(id(93), "d3@example.org", D3));
            CountDownLatch firstHoldsItsUser = new CountDownLatch(1);
            CountDownLatch secondStarted = new CountDownLatch(1);
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                Future<List<UserId>> first = executor.submit(() -> inTransaction(() -> {
                    List<UserId> taken = repository().lockDeletedBefore(CUTOFF, 1);
                    firstHoldsItsUser.countDown();
                    awaitQuietly(secondStarted);
                    sleepQuietly(300); // give the second run time to reach the user this one holds
                    for (UserId id : taken) {
                        User user = repository().findById(id).orElseThrow();
                        user.anonymize(LATER);
                        repository().update(user);
                    }
                    return taken;
                }));
                awaitQuietly(firstHoldsItsUser);
                Future<List<UserId>> second = executor.submit(() -> {
                    secondStarted.countDown();
                    return inTransaction(() -> repository().lockDeletedBefore(CUTOFF, 10));
                });

                List<UserId> firstTook = first.get(10, TimeUnit.SECONDS);
                List<UserId> secondTook = second.get(10, TimeUnit.SECONDS);
                assertThat(firstTook).containsExactly(id(91));
                assertThat(secondTook).doesNotContainAnyElementsOf(firstTook).isSubsetOf(id(92), id(93));
            } finally {
                executor.shutdownNow();
            }
        }

        /** A user soft-deleted at exactly {@code deletedAt} (two days after it was created). */
        private static User deleted(UserId id, String email, Instant deletedAt) {
            return Users.anActiveUser().withId(id).withEmail(email).createdAt(deletedAt.minus(Users.DELETED_AFTER)).deleted().build();
        }
    }

    private void add(User user) {
        transactions().inTransaction(() -> repository().add(user));
    }

    private User load(UserId id) {
        return inTransaction(() -> repository().findById(id))
                .orElseThrow(() -> new AssertionError("expected a stored user with id " + id));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions().inTransaction(work);
    }

    private static UserId id(int n) {
        return new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n + 100)));
    }

    private static UserSnapshot withLastLogin(UserSnapshot s, Instant lastLoginAt) {
        return new UserSnapshot(s.id(), s.email(), s.displayName(), s.phone(), s.attributes(), s.roles(),
                s.passwordHash(), s.active(), s.createdAt(), s.updatedAt(), lastLoginAt, s.deletedAt(),
                s.anonymizedAt(), s.version(), s.sessionGeneration(), s.legalHold(), s.erasureReceiptId(), s.restricted());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

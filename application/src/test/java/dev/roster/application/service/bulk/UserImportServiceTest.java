package dev.roster.application.service.bulk;

import dev.roster.application.fakes.FakePasswordHasher;
import dev.roster.application.fakes.FakeRateLimiter;
import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.ForwardingUserRepository;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.in.bulk.ImportAbortedException;
import dev.roster.application.port.in.bulk.ImportError;
import dev.roster.application.port.in.bulk.ImportInputException;
import dev.roster.application.port.in.bulk.ImportOptions.OnConflict;
import dev.roster.application.port.in.bulk.ImportOptions;
import dev.roster.application.port.in.bulk.ImportReport;
import dev.roster.application.port.in.bulk.ImportRow;
import dev.roster.application.port.in.bulk.ImportedUser;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.Retry;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static dev.roster.application.service.AuditAssertions.assertHoldsNone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class UserImportServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant MIGRATED_SIGNUP = Instant.parse("2019-05-06T07:08:09.123456Z");
    private static final int LARGE = 100;

    private static final String ADA = "ada@example.org";
    private static final String GRACE = "grace@example.org";
    private static final String KEN = "ken@example.org";
    private static final String PHONE = "+441234567890";
    private static final String OTHER_PHONE = "+15550100200";
    private static final String HASH = "fake:v1:enigne";
    private static final String OTHER_HASH = "fake:v2:smoolew";
    /** A real bcrypt hash, which the fake hasher cannot verify. */
    private static final String BCRYPT_HASH = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private FixedActor actor;
    private FakeRateLimiter rateLimiter;
    private int statisticsInvalidations;

    @BeforeEach
    void wireWithFakes() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        actor = new FixedActor();
        rateLimiter = FakeRateLimiter.unlimited();
        statisticsInvalidations = 0;
    }

    private UserImportService service(int batchSize, int maxErrors) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new UserImportService(repository, transactions, new FakePasswordHasher(), rateLimiter,
                new Auditor(auditLog, changeLog, actor, clock), () -> statisticsInvalidations++, clock, new Random(42),
                batchSize, maxErrors);
    }

    private ImportReport importRows(OnConflict onConflict, ImportRow... rows) {
        return service(LARGE, LARGE).importUsers(new ImportOptions(false, onConflict), List.of(rows).iterator());
    }

    @Nested
    class Create {

        @Test
        void createsAUserForEachValidRowWithTheGivenFieldsAndReportsExactCounts() {
            ImportReport report = importRows(OnConflict.SKIP,
                    row(ADA).named("Ada Lovelace").phone(PHONE).attributes(Map.of("team", "engines", "floor", "3"))
                            .roles(Role.AUDITOR).hash(HASH).createdAt(MIGRATED_SIGNUP).at(2),
                    row(GRACE).at(3),
                    row("Ken.Thompson@Example.org").named("Ken").roles(Role.ADMIN).at(4));

            assertThat(report).isEqualTo(new ImportReport(false, 3, 3, 0, 0, 0, List.of(), false));
            assertThat(store.size()).isEqualTo(3);

            UserSnapshot ada = stored(ADA);
            assertThat(ada.email()).isEqualTo(new Email(ADA));
            assertThat(ada.displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
            assertThat(ada.phone()).isEqualTo(new Phone(PHONE));
            assertThat(ada.attributes().asMap()).isEqualTo(Map.of("team", "engines", "floor", "3"));
            assertThat(ada.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
            assertThat(ada.passwordHash()).isEqualTo(new PasswordHash(HASH));
            assertThat(ada.createdAt()).isEqualTo(MIGRATED_SIGNUP);
            assertThat(ada.updatedAt()).isEqualTo(MIGRATED_SIGNUP);
            assertThat(ada.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(ada.lastLoginAt()).isNull();
            assertThat(ada.version()).isZero();

            UserSnapshot grace = stored(GRACE);
            assertThat(grace.displayName()).isNull();
            assertThat(grace.phone()).isNull();
            assertThat(grace.attributes().isEmpty()).isTrue();
            assertThat(grace.roles()).containsExactly(Role.USER);
            assertThat(grace.passwordHash()).isNull();
            assertThat(grace.createdAt()).as("no createdAt in the row: created now").isEqualTo(NOW);
            assertThat(grace.updatedAt()).isEqualTo(NOW);
            assertThat(grace.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(grace.version()).isZero();

            UserSnapshot ken = stored("ken.thompson@example.org");
            assertThat(ken.email().value()).as("the email as the file gave it").isEqualTo("Ken.Thompson@Example.org");
            assertThat(ken.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
        }

        @Test
        void givesEachUserATimeOrderedIdAtItsCreationTime() {
            importRows(OnConflict.SKIP, row(ADA).createdAt(MIGRATED_SIGNUP).at(2), row(GRACE).at(3));

            UUID ada = stored(ADA).id().value();
            UUID grace = stored(GRACE).id().value();
            assertThat(ada.version()).isEqualTo(7);
            assertThat(ada.getMostSignificantBits() >>> 16).isEqualTo(MIGRATED_SIGNUP.toEpochMilli());
            assertThat(grace.version()).isEqualTo(7);
            assertThat(grace.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
        }

        @Test
        void anEmptyInputCreatesNothing() {
            ImportReport report = importRows(OnConflict.SKIP);

            assertThat(report).isEqualTo(new ImportReport(false, 0, 0, 0, 0, 0, List.of(), false));
            assertThat(store.size()).isZero();
        }
    }

    @Nested
    class DryRun {

        /** Two rows a batch: lines 2-3, 4-5, 6-7 and 8. */
        private final List<ImportRow> rows = List.of(
                row(ADA).named("Ada").at(2),
                row("ADA@Example.org").named("Ada Lovelace").at(3), // repeats line 2 in its batch
                row(GRACE).at(4),
                row(ADA).phone(PHONE).at(5),                       // repeats line 2 from an earlier batch
                row(KEN).named("Ken Thompson").at(6),               // a stored user
                invalid(7, "email"),
                row("bad.hash@example.org").hash(BCRYPT_HASH).at(8));

        @ParameterizedTest(name = "onConflict={0}")
        @CsvSource({
                "SKIP,   2, 0, 3, 2",
                "UPDATE, 2, 3, 0, 2",
                "FAIL,   2, 0, 0, 5"})
        void writesNothingYetReportsWhatARealRunOfTheSameRowsReports(OnConflict onConflict, long created, long updated,
                                                                     long skipped, long failed) {
            add(Users.anActiveUser().withEmail(KEN).withDisplayName("Ken").build());
            List<UserSnapshot> before = store.all();
            UserImportService service = service(2, LARGE);

            ImportReport dry = service.importUsers(new ImportOptions(true, onConflict), rows.iterator());

            assertThat(store.all()).as("nothing committed").containsExactlyInAnyOrderElementsOf(before);
            assertThat(store.size()).isEqualTo(1);
            assertThat(dry.dryRun()).isTrue();
            assertThat(List.of(dry.processed(), dry.created(), dry.updated(), dry.skipped(), dry.failed()))
                    .containsExactly(7L, created, updated, skipped, failed);

            ImportReport real = service.importUsers(new ImportOptions(false, onConflict), rows.iterator());

            assertThat(real.dryRun()).isFalse();
            assertThat(dry).isEqualTo(new ImportReport(true, real.processed(), real.created(), real.updated(),
                    real.skipped(), real.failed(), real.errors(), real.errorsTruncated()));
            assertThat(store.size()).as("the real run did write").isEqualTo(3);
        }

        @Test
        void recordsOneUsersImportedEventForTheWholeRunAndNothingElse() {
            add(Users.anActiveUser().withEmail(KEN).withDisplayName("Ken").build());

            ImportReport report = service(2, LARGE).importUsers(new ImportOptions(true, OnConflict.UPDATE), rows.iterator());

            assertThat(auditLog.events()).as("the user.updated events of the dry run were rolled back").singleElement()
                    .satisfies(stored -> {
                        AuditEvent event = stored.event();
                        assertThat(event.action()).isEqualTo(AuditAction.USERS_IMPORTED);
                        assertThat(event.action().wireName()).isEqualTo("users.imported");
                        assertThat(event.target()).isEmpty();
                        assertThat(event.actor()).isEqualTo(FixedActor.DEFAULT);
                        assertThat(event.details()).containsEntry("batch", "dry-run")
                                .containsEntry("onConflict", "update")
                                .containsEntry("created", Long.toString(report.created()))
                                .containsEntry("updated", Long.toString(report.updated()))
                                .containsEntry("skipped", Long.toString(report.skipped()))
                                .containsEntry("failed", Long.toString(report.failed()));
                        assertHoldsNone(stored, ADA, GRACE, KEN, "Ada Lovelace", "Ken Thompson", PHONE, BCRYPT_HASH);
                    });
        }

        @Test
        void doesNotTellTheStatistics() {
            service(2, LARGE).importUsers(new ImportOptions(true, OnConflict.UPDATE), rows.iterator());

            assertThat(statisticsInvalidations).isZero();
        }
    }

    @Nested
    class InvalidRows {

        @Test
        void areCountedAsFailedAndTheirErrorsKeepTheirLinesInFileOrder() {
            ImportError badEmail = new ImportError(3, "email", "must have the form local-part@domain");
            ImportError badPhone = new ImportError(5, "phone", "must be in E.164 form");
            ImportError badAttribute = new ImportError(5, "attributes.team", "must be a string");
            ImportError badRole = new ImportError(9, "roles", "must be ADMIN, AUDITOR or USER");

            ImportReport report = service(2, LARGE).importUsers(new ImportOptions(false, OnConflict.SKIP), List.of(
                    row(ADA).at(2),
                    ImportRow.invalid(3, List.of(badEmail)),
                    row(GRACE).at(4),
                    ImportRow.invalid(5, List.of(badPhone, badAttribute)),
                    ImportRow.invalid(9, List.of(badRole))).iterator());

            assertThat(report).isEqualTo(new ImportReport(false, 5, 2, 0, 0, 3,
                    List.of(badEmail, badPhone, badAttribute, badRole), false));
            assertThat(store.all()).extracting(user -> user.email().value()).containsExactlyInAnyOrder(ADA, GRACE);
        }
    }

    @Nested
    class RepeatedEmailsInTheFile {

        /** Batches of two: lines 2-3 and 4-5; line 3 repeats line 2 in its batch, line 5 repeats it across batches. */
        private ImportReport importTwice(OnConflict onConflict) {
            return service(2, LARGE).importUsers(new ImportOptions(false, onConflict), List.of(
                    row(ADA).named("Ada").at(2),
                    row("ADA@Example.org").named("Ada Lovelace").at(3),
                    row(GRACE).at(4),
                    row(ADA).phone(PHONE).at(5)).iterator());
        }

        @Test
        void skipCountsTheLaterRowsAsSkippedAndKeepsTheFirst() {
            ImportReport report = importTwice(OnConflict.SKIP);

            assertThat(report).isEqualTo(new ImportReport(false, 4, 2, 0, 2, 0, List.of(), false));
            assertThat(store.size()).isEqualTo(2);
            UserSnapshot ada = stored(ADA);
            assertThat(ada.email().value()).isEqualTo(ADA);
            assertThat(ada.displayName()).isEqualTo(new DisplayName("Ada"));
            assertThat(ada.phone()).isNull();
            assertThat(ada.version()).isZero();
        }

        @Test
        void failReportsTheRepeatInsideABatchAndTheExistingUserAcrossBatches() {
            ImportReport report = importTwice(OnConflict.FAIL);

            assertThat(report.processed()).isEqualTo(4);
            assertThat(report.created()).isEqualTo(2);
            assertThat(report.failed()).isEqualTo(2);
            assertThat(report.updated() + report.skipped()).isZero();
            assertThat(report.errorsTruncated()).isFalse();
            assertThat(report.errors()).satisfiesExactly(
                    inBatch -> assertThat(inBatch).isEqualTo(new ImportError(3, "email", "repeats the email of line 2")),
                    acrossBatches -> {
                        assertThat(acrossBatches.line()).isEqualTo(5);
                        assertThat(acrossBatches.field()).isEqualTo("email");
                        assertThat(acrossBatches.message()).startsWith("belongs to an existing user");
                    });
            assertThat(stored(ADA).displayName()).isEqualTo(new DisplayName("Ada"));
            assertThat(stored(ADA).phone()).isNull();
        }

        @Test
        void updateMakesEachLaterRowUpdateTheUserTheFirstRowCreated() {
            ImportReport report = importTwice(OnConflict.UPDATE);

            assertThat(report).isEqualTo(new ImportReport(false, 4, 2, 2, 0, 0, List.of(), false));
            assertThat(store.size()).isEqualTo(2);
            UserSnapshot ada = stored(ADA);
            assertThat(ada.email().value()).as("an update keeps the stored email").isEqualTo(ADA);
            assertThat(ada.displayName()).as("from line 3").isEqualTo(new DisplayName("Ada Lovelace"));
            assertThat(ada.phone()).as("from line 5").isEqualTo(new Phone(PHONE));
            assertThat(ada.createdAt()).isEqualTo(NOW);
            assertThat(ada.version()).isEqualTo(2);
            assertThat(auditLog.events()).filteredOn(stored -> stored.event().action() == AuditAction.USER_UPDATED)
                    .extracting(stored -> stored.event().target().orElseThrow(), stored -> stored.event().details())
                    .containsExactly(
                            tuple(ada.id(), Map.of("fields", "displayName", "source", "import")),
                            tuple(ada.id(), Map.of("fields", "phone", "source", "import")));
        }
    }

    @Nested
    class StoredUsers {
        private User ada;
        private UserSnapshot before;

        @BeforeEach
        void storeAda() {
            ada = Users.anActiveUser().withEmail(ADA).withDisplayName("Ada Lovelace").withPhone(PHONE)
                    .withAttributes(Map.of("team", "engines")).withRoles(Role.AUDITOR).withPasswordHash(HASH).build();
            add(ada);
            before = storedSnapshot(ada.id());
        }

        @Test
        void skipLeavesTheStoredUserUnchanged() {
            ImportReport report = importRows(OnConflict.SKIP,
                    row("ADA@Example.ORG").named("Someone Else").phone(OTHER_PHONE).hash(OTHER_HASH).at(2));

            assertThat(report).isEqualTo(new ImportReport(false, 1, 0, 0, 1, 0, List.of(), false));
            assertThat(storedSnapshot(ada.id())).isEqualTo(before);
            assertThat(store.size()).isEqualTo(1);
            assertThat(actions()).containsExactly(AuditAction.USERS_IMPORTED);
        }

        @Test
        void updateChangesOnlyTheFieldsTheRowGivesAndSetsTheNewPasswordHash() {
            ImportReport report = importRows(OnConflict.UPDATE,
                    row("ADA@Example.ORG").named("Ada King").hash(OTHER_HASH).createdAt(MIGRATED_SIGNUP).at(2));

            assertThat(report).isEqualTo(new ImportReport(false, 1, 0, 1, 0, 0, List.of(), false));
            UserSnapshot after = storedSnapshot(ada.id());
            assertThat(after.displayName()).isEqualTo(new DisplayName("Ada King"));
            assertThat(after.passwordHash()).isEqualTo(new PasswordHash(OTHER_HASH));
            assertThat(after.phone()).as("absent from the row: kept").isEqualTo(new Phone(PHONE));
            assertThat(after.attributes()).as("absent from the row: kept").isEqualTo(before.attributes());
            assertThat(after.roles()).isEqualTo(before.roles());
            assertThat(after.email()).isEqualTo(before.email());
            assertThat(after.createdAt()).as("createdAt is for new users only").isEqualTo(before.createdAt());
            assertThat(after.updatedAt()).isEqualTo(NOW);
            assertThat(after.version()).isEqualTo(1);
            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void updateReplacesTheAttributesWhenTheRowGivesThem() {
            ImportReport report = importRows(OnConflict.UPDATE,
                    row(ADA).phone(OTHER_PHONE).attributes(Map.of("desk", "42")).at(2));

            assertThat(report.updated()).isEqualTo(1);
            UserSnapshot after = storedSnapshot(ada.id());
            assertThat(after.attributes().asMap()).isEqualTo(Map.of("desk", "42"));
            assertThat(after.phone()).isEqualTo(new Phone(OTHER_PHONE));
            assertThat(after.displayName()).isEqualTo(before.displayName());
            assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
        }

        @Test
        void updateRecordsUserUpdatedWithTheChangedFieldNamesAndSourceImport() {
            importRows(OnConflict.UPDATE, row(ADA).named("Ada King").hash(OTHER_HASH).at(2));

            assertThat(auditLog.events()).filteredOn(stored -> stored.event().action() == AuditAction.USER_UPDATED)
                    .singleElement().satisfies(stored -> {
                        AuditEvent event = stored.event();
                        assertThat(event.target()).contains(ada.id());
                        assertThat(event.actor()).isEqualTo(FixedActor.DEFAULT);
                        assertThat(event.occurredAt()).isEqualTo(NOW);
                        assertThat(event.details()).containsExactlyInAnyOrderEntriesOf(
                                Map.of("fields", "displayName,password", "source", "import"));
                        assertHoldsNone(stored, ADA, "Ada King", OTHER_HASH, HASH);
                    });
        }

        @Test
        void updateCountsARowThatEqualsTheStoredValuesAsSkippedAndWritesNothing() {
            long writesBefore = store.modifications();

            ImportReport report = importRows(OnConflict.UPDATE,
                    row("Ada@Example.org").named("Ada Lovelace").phone(PHONE).attributes(Map.of("team", "engines"))
                            .roles(Role.AUDITOR).hash(HASH).at(2));

            assertThat(report).isEqualTo(new ImportReport(false, 1, 0, 0, 1, 0, List.of(), false));
            assertThat(storedSnapshot(ada.id())).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(writesBefore);
            assertThat(actions()).containsExactly(AuditAction.USERS_IMPORTED);
        }

        @Test
        void failReportsAnErrorOnTheRowAndLeavesTheStoredUserUnchanged() {
            ImportReport report = importRows(OnConflict.FAIL, row(GRACE).at(2), row("ADA@example.org").named("Ada King").at(3));

            assertThat(report.processed()).isEqualTo(2);
            assertThat(report.created()).isEqualTo(1);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.line()).isEqualTo(3);
                assertThat(error.field()).isEqualTo("email");
                assertThat(error.message()).startsWith("belongs to an existing user");
            });
            assertThat(storedSnapshot(ada.id())).isEqualTo(before);
        }

        @Test
        void updateRefusesARoleChange() {
            ImportReport report = importRows(OnConflict.UPDATE, row(ADA).named("Ada King").roles(Role.ADMIN).at(2));

            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.updated()).isZero();
            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.line()).isEqualTo(2);
                assertThat(error.field()).isEqualTo("roles");
            });
            assertThat(storedSnapshot(ada.id())).isEqualTo(before);
            assertThat(actions()).containsExactly(AuditAction.USERS_IMPORTED);
        }

        @Test
        void updateAcceptsTheRolesTheUserAlreadyHolds() {
            ImportReport report = importRows(OnConflict.UPDATE, row(ADA).named("Ada King").roles(Role.AUDITOR, Role.USER).at(2));

            assertThat(report.updated()).isEqualTo(1);
            assertThat(report.errors()).isEmpty();
            assertThat(storedSnapshot(ada.id()).displayName()).isEqualTo(new DisplayName("Ada King"));
            assertThat(storedSnapshot(ada.id()).roles()).isEqualTo(before.roles());
        }

        @Test
        void updateRefusesASoftDeletedUser() {
            User deleted = Users.anActiveUser().withId(new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000d1")))
                    .withEmail(KEN).withDisplayName("Ken").deleted().build();
            add(deleted);
            UserSnapshot deletedBefore = storedSnapshot(deleted.id());

            ImportReport report = importRows(OnConflict.UPDATE, row("KEN@example.org").named("Ken Thompson").at(4));

            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.updated() + report.created() + report.skipped()).isZero();
            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.line()).isEqualTo(4);
                assertThat(error.field()).isEqualTo("email");
            });
            assertThat(storedSnapshot(deleted.id())).isEqualTo(deletedBefore);
            assertThat(store.size()).isEqualTo(2);
        }
    }

    @Nested
    class RowChecks {

        @Test
        void aPasswordHashTheHasherCannotVerifyIsAnErrorOnPasswordHash() {
            ImportReport report = importRows(OnConflict.SKIP, row(ADA).hash(BCRYPT_HASH).at(2), row(GRACE).hash(HASH).at(3));

            assertThat(report.processed()).isEqualTo(2);
            assertThat(report.created()).isEqualTo(1);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.line()).isEqualTo(2);
                assertThat(error.field()).isEqualTo("passwordHash");
                assertThat(error.message()).doesNotContain(BCRYPT_HASH);
            });
            assertThat(store.findByCanonicalEmail(ADA)).isEmpty();
            assertThat(stored(GRACE).passwordHash()).isEqualTo(new PasswordHash(HASH));
        }

        @Test
        void aPasswordHashTheHasherCannotVerifyDoesNotUpdateAStoredUser() {
            User ada = Users.anActiveUser().withEmail(ADA).withPasswordHash(HASH).build();
            add(ada);
            UserSnapshot before = storedSnapshot(ada.id());

            ImportReport report = importRows(OnConflict.UPDATE, row(ADA).named("Ada King").hash(BCRYPT_HASH).at(2));

            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.errors()).extracting(ImportError::field).containsExactly("passwordHash");
            assertThat(storedSnapshot(ada.id())).isEqualTo(before);
        }

        @Test
        void aCreatedAtInTheFutureIsAnErrorOnCreatedAt() {
            ImportReport report = importRows(OnConflict.SKIP,
                    row(ADA).createdAt(NOW.plusMillis(1)).at(2), row(GRACE).createdAt(NOW).at(3));

            assertThat(report.created()).isEqualTo(1);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.line()).isEqualTo(2);
                assertThat(error.field()).isEqualTo("createdAt");
            });
            assertThat(store.findByCanonicalEmail(ADA)).isEmpty();
            assertThat(stored(GRACE).createdAt()).as("now itself is not the future").isEqualTo(NOW);
        }

        @Test
        void aCreatedAtBefore1970IsAnErrorOnCreatedAt() {
            ImportReport report = importRows(OnConflict.SKIP, row(ADA).createdAt(Instant.EPOCH.minusMillis(1)).at(2));

            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.errors()).extracting(ImportError::line, ImportError::field)
                    .containsExactly(tuple(2L, "createdAt"));
            assertThat(store.size()).isZero();
        }

        @Test
        void anEmailInTheDomainReservedForErasedAccountsIsAnErrorOnEmailAndTheRestGoesOn() {
            ImportReport report = importRows(OnConflict.SKIP,
                    row("erased-019b76da-a800-7000-8000-000000000001@erased.roster.invalid").at(2), row(GRACE).at(3));

            assertThat(report.processed()).isEqualTo(2);
            assertThat(report.created()).isEqualTo(1);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.errors()).extracting(ImportError::line, ImportError::field)
                    .containsExactly(tuple(2L, "email"));
            assertThat(store.all()).extracting(user -> user.email().value()).containsExactly(GRACE);
        }

        @Test
        void aRowWithSeveralProblemsIsOneFailedRowWithAnErrorForEach() {
            ImportReport report = importRows(OnConflict.SKIP, row(ADA).hash(BCRYPT_HASH).createdAt(NOW.plusSeconds(60)).at(7));

            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.processed()).isEqualTo(1);
            assertThat(report.errors()).extracting(ImportError::line, ImportError::field).containsExactly(
                    tuple(7L, "passwordHash"),
                    tuple(7L, "createdAt"));
            assertThat(store.size()).isZero();
        }
    }

    @Nested
    class ErrorCap {

        @Test
        void keepsAtMostMaxErrorsAndSaysSoWhileCountingEveryFailedRow() {
            ImportError first = new ImportError(2, "email", "must have the form local-part@domain");
            ImportError second = new ImportError(3, "phone", "must be in E.164 form");
            ImportError third = new ImportError(3, "displayName", "must not be blank");

            ImportReport report = service(2, 3).importUsers(new ImportOptions(false, OnConflict.SKIP), List.of(
                    ImportRow.invalid(2, List.of(first)),
                    ImportRow.invalid(3, List.of(second, third)),
                    row(ADA).at(4),
                    invalid(5, "email"),
                    row(GRACE).hash(BCRYPT_HASH).at(6),
                    invalid(7, "roles")).iterator());

            assertThat(report.processed()).isEqualTo(6);
            assertThat(report.created()).isEqualTo(1);
            assertThat(report.failed()).as("every failed row, listed or not").isEqualTo(5);
            assertThat(report.errors()).containsExactly(first, second, third);
            assertThat(report.errorsTruncated()).isTrue();
        }

        @Test
        void isNotTruncatedWhenEveryErrorFits() {
            ImportReport report = service(2, 2).importUsers(new ImportOptions(false, OnConflict.SKIP), List.of(
                    invalid(2, "email"), row(ADA).at(3), invalid(4, "phone")).iterator());

            assertThat(report.failed()).isEqualTo(2);
            assertThat(report.errors()).extracting(ImportError::line).containsExactly(2L, 4L);
            assertThat(report.errorsTruncated()).isFalse();
        }
    }

    @Nested
    class Batches {
        private final ImportInputException unreadable = new ImportInputException(5, "unterminated quote", false);

        @Test
        void anUnreadableInputAppliesTheRowsReadBeforeItAndReportsThem() {
            Iterator<ImportRow> rows = failingAfter(unreadable,
                    row(ADA).at(2), row(GRACE).named("Grace").at(3), row(KEN).at(4));

            ImportAbortedException aborted = catchThrowableOfType(ImportAbortedException.class,
                    () -> service(2, LARGE).importUsers(new ImportOptions(false, OnConflict.SKIP), rows));

            assertThat(aborted).isNotNull();
            assertThat(aborted.reason()).isSameAs(unreadable);
            assertThat(aborted.report()).isEqualTo(new ImportReport(false, 3, 3, 0, 0, 0, List.of(), false));
            assertThat(store.all()).extracting(user -> user.email().value()).containsExactlyInAnyOrder(ADA, GRACE, KEN);
            assertThat(auditLog.events()).as("the full batch, then the part-batch read before the break")
                    .extracting(stored -> stored.event().details().get("lines")).containsExactly("2-3", "4-4");
        }

        @Test
        void anUnreadableInputInADryRunStoresNothing() {
            Iterator<ImportRow> rows = failingAfter(unreadable,
                    row(ADA).at(2), row(GRACE).named("Grace").at(3), row(KEN).at(4));

            ImportAbortedException aborted = catchThrowableOfType(ImportAbortedException.class,
                    () -> service(2, LARGE).importUsers(new ImportOptions(true, OnConflict.SKIP), rows));

            assertThat(aborted).isNotNull();
            assertThat(aborted.reason()).isSameAs(unreadable);
            assertThat(aborted.report().dryRun()).isTrue();
            assertThat(aborted.report().processed()).as("the rows read before the input broke").isEqualTo(3);
            assertThat(store.size()).isZero();
            assertThat(statisticsInvalidations).isZero();
        }

        @Test
        void aLaterBatchSeesTheUsersAnEarlierBatchCommitted() {
            UserImportService service = service(3, LARGE);

            ImportReport report = service.importUsers(new ImportOptions(false, OnConflict.SKIP), List.of(
                    row(ADA).at(2), row(GRACE).at(3), row(KEN).at(4), row("grace@EXAMPLE.org").at(5)).iterator());

            assertThat(report).isEqualTo(new ImportReport(false, 4, 3, 0, 1, 0, List.of(), false));
            assertThat(store.size()).isEqualTo(3);
        }
    }

    @Nested
    class LostRaces {

        @Test
        void aBatchWhoseEmailAnotherWriterTookIsRetriedAndCountedOnce() {
            add(Users.anActiveUser().withEmail(KEN).build()); // stored "by another writer" after the batch's check
            MissesTakenEmails racing = new MissesTakenEmails(repository, 1);

            ImportReport report = serviceOver(racing).importUsers(new ImportOptions(false, OnConflict.SKIP),
                    List.of(row(ADA).at(2), row(KEN).named("Ken Thompson").at(3)).iterator());

            assertThat(racing.calls).isEqualTo(2);
            assertThat(report).isEqualTo(new ImportReport(false, 2, 1, 0, 1, 0, List.of(), false));
            assertThat(store.all()).extracting(user -> user.email().value()).containsExactlyInAnyOrder(ADA, KEN);
            assertThat(stored(KEN).displayName()).isEqualTo(new DisplayName(Users.DEFAULT_DISPLAY_NAME));
            assertThat(auditLog.events()).as("the lost attempt left no event").singleElement()
                    .satisfies(stored -> assertThat(stored.event().details()).containsEntry("created", "1")
                            .containsEntry("skipped", "1"));
        }

        @Test
        void aBatchThatKeepsLosingGivesUpAfterMaxAttemptsAndLeavesNothingOfItsOwn() {
            add(Users.anActiveUser().withEmail(KEN).build());
            MissesTakenEmails racing = new MissesTakenEmails(repository, Integer.MAX_VALUE);

            assertThatThrownBy(() -> serviceOver(racing).importUsers(new ImportOptions(false, OnConflict.SKIP),
                    List.of(row(ADA).at(2), row(KEN).at(3)).iterator()))
                    .isInstanceOf(EmailAlreadyTakenException.class);

            assertThat(racing.calls).isEqualTo(Retry.ATTEMPTS);
            assertThat(store.all()).extracting(user -> user.email().value()).containsExactly(KEN);
            assertThat(auditLog.events()).isEmpty();
        }

        private UserImportService serviceOver(UserRepository users) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            return new UserImportService(users, transactions, new FakePasswordHasher(), rateLimiter,
                    new Auditor(auditLog, changeLog, actor, clock), () -> statisticsInvalidations++, clock, new Random(42),
                    LARGE, LARGE);
        }
    }

    /** Answers "no email is taken" to the first {@code misses} checks, as if another writer inserted right after them. */
    private static final class MissesTakenEmails extends ForwardingUserRepository {
        private final int misses;
        int calls;

        MissesTakenEmails(UserRepository delegate, int misses) {
            super(delegate);
            this.misses = misses;
        }

        @Override
        public Set<String> takenEmails(Collection<Email> emails) {
            return ++calls <= misses ? Set.of() : delegate.takenEmails(emails);
        }
    }

    @Nested
    class Audit {

        @Test
        void recordsOneUsersImportedEventPerBatchWithCountsAndNoPersonalData() {
            add(Users.anActiveUser().withEmail(KEN).build());

            service(2, LARGE).importUsers(new ImportOptions(false, OnConflict.SKIP), List.of(
                    row(ADA).named("Ada Lovelace").phone(PHONE).attributes(Map.of("team", "engines")).hash(HASH).at(2),
                    row(KEN).named("Ken Thompson").at(3),
                    invalid(4, "email"),
                    row(GRACE).named("Grace Hopper").at(5),
                    row("linus@example.org").createdAt(MIGRATED_SIGNUP).at(6)).iterator());

            List<StoredAuditEvent> events = auditLog.events();
            assertThat(events).hasSize(3);
            assertThat(events).allSatisfy(stored -> {
                AuditEvent event = stored.event();
                assertThat(event.action()).isEqualTo(AuditAction.USERS_IMPORTED);
                assertThat(event.target()).isEmpty();
                assertThat(event.actor()).isEqualTo(FixedActor.DEFAULT);
                assertThat(event.occurredAt()).isEqualTo(NOW);
                assertThat(event.details()).containsOnlyKeys(
                        "import", "batch", "lines", "onConflict", "created", "updated", "skipped", "failed");
                assertThat(event.details()).containsEntry("onConflict", "skip");
                assertHoldsNone(stored, ADA, GRACE, KEN, "linus", "Ada Lovelace", "Ken Thompson", "Grace Hopper", PHONE,
                        "engines", HASH);
            });
            String importId = events.get(0).event().details().get("import");
            assertThat(UUID.fromString(importId)).isNotNull();
            assertThat(events).extracting(stored -> stored.event().details().get("import")).containsOnly(importId);
            assertThat(events.get(0).event().details()).containsEntry("batch", "1").containsEntry("lines", "2-3")
                    .containsEntry("created", "1").containsEntry("updated", "0")
                    .containsEntry("skipped", "1").containsEntry("failed", "0");
            assertThat(events.get(1).event().details()).containsEntry("batch", "2").containsEntry("lines", "4-5")
                    .containsEntry("created", "1").containsEntry("updated", "0")
                    .containsEntry("skipped", "0").containsEntry("failed", "1");
            assertThat(events.get(2).event().details()).containsEntry("batch", "3").containsEntry("lines", "6-6")
                    .containsEntry("created", "1").containsEntry("updated", "0")
                    .containsEntry("skipped", "0").containsEntry("failed", "0");
        }

        @Test
        void eachImportHasItsOwnId() {
            UserImportService service = service(LARGE, LARGE);

            service.importUsers(new ImportOptions(false, OnConflict.SKIP), List.of(row(ADA).at(2)).iterator());
            service.importUsers(new ImportOptions(false, OnConflict.SKIP), List.of(row(GRACE).at(2)).iterator());

            assertThat(auditLog.events()).extracting(stored -> stored.event().details().get("import"))
                    .doesNotHaveDuplicates().hasSize(2);
        }
    }

    @Nested
    class RateLimit {

        @Test
        void asksForAnImportPermitInTheCallersName() {
            importRows(OnConflict.SKIP, row(ADA).at(2));

            assertThat(rateLimiter.used()).isEqualTo(Map.of("IMPORT|" + FixedActor.ACTOR_ID, 1));
        }

        @Test
        void aCallerWithoutAUserIdIsLimitedAsTheSystem() {
            actor.set(Actor.system());

            importRows(OnConflict.SKIP, row(ADA).at(2));

            assertThat(rateLimiter.used()).isEqualTo(Map.of("IMPORT|system", 1));
        }

        @Test
        void aRefusedImportReadsNoRowAndWritesNothing() {
            rateLimiter = new FakeRateLimiter(0);
            Iterator<ImportRow> untouchable = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    throw new AssertionError("a refused import must not read its input");
                }

                @Override
                public ImportRow next() {
                    throw new AssertionError("a refused import must not read its input");
                }
            };

            assertThatThrownBy(() -> service(LARGE, LARGE).importUsers(new ImportOptions(false, OnConflict.SKIP), untouchable))
                    .isInstanceOf(RateLimitExceededException.class);

            assertThat(store.size()).isZero();
            assertThat(auditLog.events()).isEmpty();
            assertThat(statisticsInvalidations).isZero();
        }
    }

    @Nested
    class Statistics {

        @Test
        void areToldOnceAfterARealImportThatCreatedUsers() {
            service(1, LARGE).importUsers(new ImportOptions(false, OnConflict.SKIP),
                    List.of(row(ADA).at(2), row(GRACE).at(3), row(KEN).at(4)).iterator());

            assertThat(store.size()).isEqualTo(3);
            assertThat(statisticsInvalidations).isEqualTo(1);
        }

        @Test
        void areNotToldAfterADryRun() {
            service(1, LARGE).importUsers(new ImportOptions(true, OnConflict.SKIP),
                    List.of(row(ADA).at(2), row(GRACE).at(3)).iterator());

            assertThat(statisticsInvalidations).isZero();
        }

        @Test
        void areNotToldWhenEveryRowWasSkippedOrFailed() {
            add(Users.anActiveUser().withEmail(ADA).build());

            importRows(OnConflict.SKIP, row(ADA).at(2), invalid(3, "email"));

            assertThat(statisticsInvalidations).isZero();
        }

        @Test
        void areToldWhenAnAbortedImportHadCommittedNewUsers() {
            Iterator<ImportRow> rows = failingAfter(new ImportInputException(4, "not UTF-8", false),
                    row(ADA).at(2), row(GRACE).at(3));

            assertThatThrownBy(() -> service(1, LARGE).importUsers(new ImportOptions(false, OnConflict.SKIP), rows))
                    .isInstanceOf(ImportAbortedException.class);

            assertThat(store.size()).isEqualTo(2);
            assertThat(statisticsInvalidations).isEqualTo(1);
        }
    }

    // --- test data ---

    private static RowBuilder row(String email) {
        return new RowBuilder(email);
    }

    private static ImportRow invalid(long line, String field) {
        return ImportRow.invalid(line, List.of(new ImportError(line, field, "is not valid")));
    }

    /** A valid row with only an email unless told otherwise; {@link #at} gives it its line. */
    private static final class RowBuilder {
        private final Email email;
        private Optional<DisplayName> displayName = Optional.empty();
        private Optional<Phone> phone = Optional.empty();
        private Optional<Attributes> attributes = Optional.empty();
        private Optional<Set<Role>> roles = Optional.empty();
        private Optional<PasswordHash> passwordHash = Optional.empty();
        private Optional<Instant> createdAt = Optional.empty();

        RowBuilder(String email) {
            this.email = new Email(email);
        }

        RowBuilder named(String name) {
            displayName = Optional.of(new DisplayName(name));
            return this;
        }

        RowBuilder phone(String number) {
            phone = Optional.of(new Phone(number));
            return this;
        }

        RowBuilder attributes(Map<String, String> entries) {
            attributes = Optional.of(Attributes.of(entries));
            return this;
        }

        RowBuilder roles(Role... given) {
            roles = Optional.of(Set.of(given));
            return this;
        }

        RowBuilder hash(String hash) {
            passwordHash = Optional.of(new PasswordHash(hash));
            return this;
        }

        RowBuilder createdAt(Instant at) {
            createdAt = Optional.of(at);
            return this;
        }

        ImportRow at(long line) {
            return ImportRow.valid(line, new ImportedUser(email, displayName, phone, attributes, roles, passwordHash, createdAt));
        }
    }

    /** Yields {@code rows}, then fails the way a reader fails on input it cannot read on. */
    private static Iterator<ImportRow> failingAfter(ImportInputException failure, ImportRow... rows) {
        Iterator<ImportRow> delegate = new ArrayList<>(List.of(rows)).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!delegate.hasNext()) {
                    throw failure;
                }
                return true;
            }

            @Override
            public ImportRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return delegate.next();
            }
        };
    }

    private List<AuditAction> actions() {
        return auditLog.events().stream().map(stored -> stored.event().action()).toList();
    }

    private void add(User user) {
        transactions.inTransaction(() -> repository.add(user));
    }

    private UserSnapshot stored(String email) {
        return store.findByCanonicalEmail(new Email(email).canonical())
                .orElseThrow(() -> new AssertionError("no stored user has the email " + email));
    }

    private UserSnapshot storedSnapshot(UserId id) {
        return store.findById(id).orElseThrow(() -> new AssertionError("no stored user has the id " + id));
    }
}

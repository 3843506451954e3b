package dev.roster.application.service.erasure;

import dev.roster.application.fakes.FakeRateLimiter;
import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryErasureLedger;
import dev.roster.application.fakes.InMemoryErasureReceiptRepository;
import dev.roster.application.fakes.InMemoryEventSequencer;
import dev.roster.application.fakes.InMemoryFileRepository;
import dev.roster.application.fakes.InMemoryLegalHoldRepository;
import dev.roster.application.fakes.InMemoryPrivacyRequests;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.port.in.erasure.ErasurePreview;
import dev.roster.application.port.in.erasure.LegalHoldException;
import dev.roster.application.port.in.erasure.ReapplyOutcome;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.erasure.LegalHold;
import dev.roster.application.port.out.privacy.LedgerEntry;
import dev.roster.application.service.AuditAssertions;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.privacy.ErasureLedgerRecorder;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.PersonalData;
import dev.roster.domain.user.PersonalDataField;
import dev.roster.domain.user.Role;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErasureServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId UNKNOWN_ID = new UserId(UUID.fromString("019b76da-a800-7000-8000-00000000dead"));

    // Distinctive personal values, so that a leak into an audit event cannot be a coincidence.
    private static final String EMAIL = "zelda.quuxington@example.org";
    private static final String DISPLAY_NAME = "Zelda Quuxington";
    private static final String PHONE = "+4915198765432";
    private static final String ATTRIBUTE_VALUE = "Xylophone-Marmalade";
    private static final String PASSWORD_HASH = "fake:v1:Wombat-Secret-77";

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private InMemoryFileRepository files;
    private InMemoryLegalHoldRepository holds;
    private InMemoryErasureReceiptRepository receipts;
    private InMemoryPrivacyRequests packages;
    private InMemoryErasureLedger ledger;
    private ErasureLedgerRecorder recorder;
    private FixedActor actor;
    private Clock clock;
    private ErasureService service;
    private int filesAdded;

    @BeforeEach
    void wire() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        files = new InMemoryFileRepository(store);
        holds = new InMemoryLegalHoldRepository(store);
        receipts = new InMemoryErasureReceiptRepository(store);
        packages = new InMemoryPrivacyRequests(store);
        ledger = new InMemoryErasureLedger();
        recorder = new ErasureLedgerRecorder(ledger, changeLog, new InMemoryEventSequencer(changeLog), receipts, transactions);
        actor = new FixedActor();
        clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service = serviceWith(FakeRateLimiter.unlimited());
    }

    private ErasureService serviceWith(RateLimiter rateLimiter) {
        return new ErasureService(repository, files, packages, receipts, holds, rateLimiter, transactions, clock,
                new Auditor(auditLog, changeLog, actor, clock), recorder);
    }

    @Nested
    class Preview {
        @Test
        void listsOnlyTheEmailForAUserWhoGaveNothingElse() {
            User ada = add(Users.anActiveUser().withDisplayName(null).build());

            ErasurePreview preview = service.preview(ada.id());

            assertThat(preview.userId()).isEqualTo(ada.id());
            assertThat(preview.erases()).containsExactly(new ErasurePreview.Field("email",
                    PersonalDataField.Erasure.REPLACED_BY_PLACEHOLDER.name(), PersonalDataField.EMAIL.purpose()));
        }

        @Test
        void listsEveryCataloguedFieldOfAFullUserInCatalogueOrderWithErasureKindAndPurpose() {
            User zelda = add(aFullUser().build());

            ErasurePreview preview = service.preview(zelda.id());

            assertThat(preview.erases()).containsExactly(
                    new ErasurePreview.Field("email", "REPLACED_BY_PLACEHOLDER", "contact address and login name"),
                    new ErasurePreview.Field("displayName", "CLEARED", "name shown to others"),
                    new ErasurePreview.Field("phone", "CLEARED", "contact phone number"),
                    new ErasurePreview.Field("attributes", "CLEARED", "custom fields, which may hold anything about the person"),
                    new ErasurePreview.Field("passwordHash", "CLEARED", "credential derived from the person's password"));
            assertThat(preview.erases()).extracting(ErasurePreview.Field::name)
                    .containsExactlyElementsOf(PersonalData.catalogue().stream().map(PersonalDataField::fieldName).toList());
        }

        @Test
        void listsNothingToEraseForAnAnonymizedUser() {
            User erased = add(Users.anActiveUser().anonymized().build());

            assertThat(service.preview(erased.id()).erases()).isEmpty();
        }

        @Test
        void countsTheFilesItWouldRemove() {
            User ada = add(Users.anActiveUser().build());
            addFiles(ada, 2);
            User other = add(Users.anAdmin().build());
            addFiles(other, 1);

            assertThat(service.preview(ada.id()).removes()).isEqualTo(Map.of("files", 2L, "dataPackages", 0L));
        }

        @Test
        void countsZeroFilesForAUserWithoutAny() {
            User ada = add(Users.anActiveUser().build());

            assertThat(service.preview(ada.id()).removes()).isEqualTo(Map.of("files", 0L, "dataPackages", 0L));
        }

        @Test
        void listsWhatIsKeptAndWhyWithoutNamingAnyCataloguedField() {
            User ada = add(Users.anActiveUser().build());

            ErasurePreview preview = service.preview(ada.id());

            assertThat(preview.keeps()).extracting(ErasurePreview.Kept::what)
                    .containsExactly("id", "roles, status and timestamps", "audit events", "erasure receipt", "privacy requests");
            assertThat(preview.keeps()).allSatisfy(kept -> assertThat(kept.why()).isNotBlank());
            assertThat(preview.keeps()).extracting(ErasurePreview.Kept::what)
                    .doesNotContainAnyElementsOf(PersonalData.catalogue().stream().map(PersonalDataField::fieldName).toList());
        }

        @Test
        void reportsNoLegalHoldWhenThereIsNone() {
            User ada = add(Users.anActiveUser().build());

            assertThat(service.preview(ada.id()).legalHold()).isFalse();
        }

        @Test
        void reportsALegalHold() {
            User ada = add(Users.anActiveUser().build());
            hold(ada.id(), "litigation");

            assertThat(service.preview(ada.id()).legalHold()).isTrue();
        }

        @Test
        void refusesAnUnknownUser() {
            assertThatThrownBy(() -> service.preview(UNKNOWN_ID)).isInstanceOf(UserNotFoundException.class);
        }

        @Test
        void writesNothing() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 2);
            hold(zelda.id(), "litigation");
            UserSnapshot before = stored(zelda.id());
            long modifications = store.modifications();

            service.preview(zelda.id());

            assertThat(stored(zelda.id())).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(files.countByOwner(zelda.id())).isEqualTo(2);
            assertThat(holds.find(zelda.id())).isPresent();
            assertThat(receipts.findByUser(zelda.id())).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Nested
    class Anonymize {
        @Test
        void erasesEveryCataloguedField() {
            User zelda = add(aFullUser().build());

            service.anonymize(zelda.id());

            UserSnapshot after = stored(zelda.id());
            assertThat(PersonalData.presentIn(after)).isEmpty();
            assertThat(after.email()).isEqualTo(Email.placeholderFor(zelda.id()));
            assertThat(after.displayName()).isNull();
            assertThat(after.phone()).isNull();
            assertThat(after.attributes().isEmpty()).isTrue();
            assertThat(after.passwordHash()).isNull();
        }

        @Test
        void leavesTheUserAnonymizedAtTheClocksTime() {
            User zelda = add(aFullUser().build());

            service.anonymize(zelda.id());

            UserSnapshot after = stored(zelda.id());
            assertThat(after.status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(after.anonymizedAt()).isEqualTo(NOW);
            assertThat(after.roles()).isEqualTo(zelda.roles());
        }

        @Test
        void removesTheUsersFilesAndOnlyThose() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 3);
            User other = add(Users.anAdmin().build());
            addFiles(other, 1);

            service.anonymize(zelda.id());

            assertThat(files.countByOwner(zelda.id())).isZero();
            assertThat(files.countByOwner(other.id())).isEqualTo(1);
        }

        @Test
        void returnsAndStoresAReceiptOfWhatWasErasedAndRemoved() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 2);

            ErasureReceipt receipt = service.anonymize(zelda.id());

            assertThat(receipt.userId()).isEqualTo(zelda.id());
            assertThat(receipt.erasedFields())
                    .containsExactly("email", "displayName", "phone", "attributes", "passwordHash");
            assertThat(receipt.removed()).isEqualTo(Map.of("files", 2L, "dataPackages", 0L));
            assertThat(receipt.requestedBy()).contains(FixedActor.ACTOR_ID);
            assertThat(receipt.erasedAt()).isEqualTo(NOW);
            assertThat(receipts.findById(receipt.id())).contains(receipt);
            assertThat(receipts.findByUser(zelda.id())).contains(receipt);
        }

        @Test
        void removesTheDataPackagesKeptWithTheUsersPrivacyRequestsAndCountsThem() {
            User zelda = add(aFullUser().build());
            User other = add(Users.anAdmin().build());
            UUID first = storePackage(zelda);
            UUID second = storePackage(zelda);
            UUID others = storePackage(other);
            assertThat(service.preview(zelda.id()).removes()).containsEntry("dataPackages", 2L);

            ErasureReceipt receipt = service.anonymize(zelda.id());

            assertThat(receipt.removed()).containsEntry("dataPackages", 2L);
            assertThat(packages.findPackage(first)).isEmpty();
            assertThat(packages.findPackage(second)).isEmpty();
            assertThat(packages.findPackage(others)).isPresent();
            assertThat(auditLog.events().get(0).event().details()).containsEntry("dataPackages", "2");
        }

        @Test
        void namesInTheReceiptOnlyTheFieldsThatHeldData() {
            User ada = add(Users.anActiveUser().withDisplayName(null).build());

            ErasureReceipt receipt = service.anonymize(ada.id());

            assertThat(receipt.erasedFields()).containsExactly("email");
            assertThat(receipt.removed()).isEqualTo(Map.of("files", 0L, "dataPackages", 0L));
        }

        @Test
        void recordsARequestWithoutAnAuthenticatedCallerAsRequestedByNobody() {
            actor.set(Actor.system());
            User ada = add(Users.anActiveUser().build());

            assertThat(service.anonymize(ada.id()).requestedBy()).isEmpty();
        }

        @Test
        void writesOneUserAnonymizedEventWithFieldNamesCountsAndTheReceipt() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 2);

            ErasureReceipt receipt = service.anonymize(zelda.id());

            assertThat(auditLog.events()).hasSize(1);
            StoredAuditEvent stored = auditLog.events().get(0);
            assertThat(stored.event().action()).isEqualTo(AuditAction.USER_ANONYMIZED);
            assertThat(stored.event().action().wireName()).isEqualTo("user.anonymized");
            assertThat(stored.event().target()).contains(zelda.id());
            assertThat(stored.event().actor()).isEqualTo(FixedActor.DEFAULT);
            assertThat(stored.event().occurredAt()).isEqualTo(NOW);
            assertThat(stored.event().details()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fields", "email,displayName,phone,attributes,passwordHash",
                    "files", "2",
                    "dataPackages", "0",
                    "receipt", receipt.id().toString(),
                    "reason", "request"));
        }

        @Test
        void keepsEveryOriginalPersonalValueOutOfTheAuditEventAndTheReceipt() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 1);

            ErasureReceipt receipt = service.anonymize(zelda.id());

            String[] personal = {EMAIL, "zelda.quuxington", "Quuxington", DISPLAY_NAME, PHONE, PHONE.substring(1),
                    ATTRIBUTE_VALUE, "Marmalade", PASSWORD_HASH, "Wombat", "contract-0.pdf"};
            AuditAssertions.assertHoldsNone(auditLog.events().get(0), personal);
            for (String value : personal) {
                assertThat(receipt.toString()).doesNotContainIgnoringCase(value);
            }
        }

        @Test
        void isIdempotentAndASecondCallReturnsAnEqualReceiptAndWritesNothing() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 2);
            ErasureReceipt first = service.anonymize(zelda.id());
            UserSnapshot afterFirst = stored(zelda.id());
            long modifications = store.modifications();

            ErasureReceipt second = service.anonymize(zelda.id());

            assertThat(second).isEqualTo(first);
            assertThat(stored(zelda.id())).isEqualTo(afterFirst);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(auditLog.events()).hasSize(1);
            assertThat(receipts.findByUser(zelda.id())).contains(first);
        }

        @Test
        void refusesAUserOnLegalHoldAndChangesNothing() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 2);
            hold(zelda.id(), "litigation");
            UserSnapshot before = stored(zelda.id());

            assertThatThrownBy(() -> service.anonymize(zelda.id())).isInstanceOf(LegalHoldException.class);

            assertUnchanged(zelda.id(), before, 2);
            assertThat(holds.find(zelda.id())).isPresent();
        }

        @Test
        void refusesTheLastActiveAdministratorAndChangesNothing() {
            User admin = add(Users.anAdmin().withPhone(PHONE).build());
            addFiles(admin, 1);
            UserSnapshot before = stored(admin.id());

            assertThatThrownBy(() -> service.anonymize(admin.id())).isInstanceOf(LastAdminException.class);

            assertUnchanged(admin.id(), before, 1);
        }

        @Test
        void refusesTheLastActiveAdministratorEvenWhenADeactivatedAdministratorExists() {
            User admin = add(Users.anAdmin().build());
            add(Users.anActiveUser().withRoles(Role.ADMIN).deactivated().build());
            UserSnapshot before = stored(admin.id());

            assertThatThrownBy(() -> service.anonymize(admin.id())).isInstanceOf(LastAdminException.class);

            assertUnchanged(admin.id(), before, 0);
        }

        @Test
        void anonymizesAnAdministratorWhileAnotherActiveOneRemains() {
            User admin = add(Users.anAdmin().build());
            add(Users.anActiveUser().withRoles(Role.ADMIN).build());

            service.anonymize(admin.id());

            assertThat(stored(admin.id()).status()).isEqualTo(UserStatus.ANONYMIZED);
        }

        @Test
        void anonymizesADeactivatedAdministratorEvenWhenItIsTheOnlyAdministrator() {
            User admin = add(Users.anAdmin().deactivated().build());

            service.anonymize(admin.id());

            assertThat(stored(admin.id()).status()).isEqualTo(UserStatus.ANONYMIZED);
        }

        @Test
        void consultsTheRateLimiterUnderTheCallersId() {
            FakeRateLimiter limiter = new FakeRateLimiter(5);
            User ada = add(Users.anActiveUser().build());

            serviceWith(limiter).anonymize(ada.id());

            assertThat(limiter.used()).isEqualTo(Map.of(RateLimitedAction.ANONYMIZE + "|" + FixedActor.ACTOR_ID, 1));
        }

        @Test
        void refusesWhenTheRateLimitIsExhaustedAndChangesNothing() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 1);
            UserSnapshot before = stored(zelda.id());
            long modifications = store.modifications();

            assertThatThrownBy(() -> serviceWith(new FakeRateLimiter(0)).anonymize(zelda.id()))
                    .isInstanceOf(RateLimitExceededException.class);

            assertUnchanged(zelda.id(), before, 1);
            assertThat(store.modifications()).isEqualTo(modifications);
        }

        @Test
        void anonymizesADeletedUserAndKeepsItsDeletionTime() {
            User deleted = add(aFullUser().deleted().build());
            Instant deletedAt = stored(deleted.id()).deletedAt();
            assertThat(deletedAt).isEqualTo(Users.CREATED_AT.plus(Users.DELETED_AFTER));

            service.anonymize(deleted.id());

            UserSnapshot after = stored(deleted.id());
            assertThat(after.status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(after.deletedAt()).isEqualTo(deletedAt);
            assertThat(after.anonymizedAt()).isEqualTo(NOW);
            assertThat(PersonalData.presentIn(after)).isEmpty();
        }

        @Test
        void refusesAnUnknownUserAndWritesNothing() {
            assertThatThrownBy(() -> service.anonymize(UNKNOWN_ID)).isInstanceOf(UserNotFoundException.class);

            assertThat(receipts.findByUser(UNKNOWN_ID)).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Nested
    class ReceiptLookup {
        @Test
        void findsAStoredReceiptById() {
            User ada = add(Users.anActiveUser().build());
            ErasureReceipt receipt = service.anonymize(ada.id());

            assertThat(service.receipt(receipt.id())).isEqualTo(receipt);
        }

        @Test
        void findsTheReceiptFromTheUserOnceErasedAndNoneBefore() {
            User ada = add(Users.anActiveUser().build());
            assertThat(service.receiptOf(ada.id())).isEmpty();

            ErasureReceipt receipt = service.anonymize(ada.id());

            assertThat(service.receiptOf(ada.id())).contains(receipt);
        }

        @Test
        void theUserNamesItsReceipt() {
            User ada = add(Users.anActiveUser().build());

            ErasureReceipt receipt = service.anonymize(ada.id());

            assertThat(stored(ada.id()).erasureReceiptId()).isEqualTo(receipt.id());
        }

        @Test
        void theReceiptOfAnUnknownUserIsNotFound() {
            assertThatThrownBy(() -> service.receiptOf(UNKNOWN_ID)).isInstanceOf(UserNotFoundException.class);
        }

        @Test
        void refusesAnUnknownId() {
            User ada = add(Users.anActiveUser().build());
            service.anonymize(ada.id());

            assertThatThrownBy(() -> service.receipt(UUID.fromString("00000000-0000-4000-8000-0000000000aa")))
                    .isInstanceOf(ReceiptNotFoundException.class);
        }
    }

    @Nested
    class LegalHolds {
        private static final String REASON = "Pending lawsuit Zanzibar-4711";

        @Test
        void theHoldIsReadableFromTheUserUntilItIsLifted() {
            User ada = add(Users.anActiveUser().build());
            assertThat(service.legalHold(ada.id())).isEmpty();

            service.placeLegalHold(ada.id(), REASON);

            assertThat(stored(ada.id()).legalHold()).as("the user resource shows it").isTrue();
            assertThat(service.legalHold(ada.id())).hasValueSatisfying(hold -> {
                assertThat(hold.reason()).isEqualTo(REASON);
                assertThat(hold.placedAt()).isEqualTo(NOW);
                assertThat(hold.placedBy()).contains(FixedActor.ACTOR_ID);
            });
            service.liftLegalHold(ada.id());
            assertThat(service.legalHold(ada.id())).isEmpty();
            assertThat(stored(ada.id()).legalHold()).isFalse();
            assertThatThrownBy(() -> service.legalHold(UNKNOWN_ID)).isInstanceOf(UserNotFoundException.class);
        }

        @Test
        void placingStoresTheReasonTheTimeAndWhoPlacedIt() {
            User ada = add(Users.anActiveUser().build());

            service.placeLegalHold(ada.id(), REASON);

            assertThat(holds.find(ada.id())).contains(new LegalHold(ada.id(), REASON, NOW, Optional.of(FixedActor.ACTOR_ID)));
        }

        @Test
        void anAnonymizedUserCannotBePutOnHold() {
            User ada = add(Users.anActiveUser().build());
            service.anonymize(ada.id());
            int events = auditLog.events().size();

            assertThatThrownBy(() -> service.placeLegalHold(ada.id(), REASON))
                    .isInstanceOfSatisfying(IllegalUserStateTransitionException.class,
                            e -> assertThat(e.status()).isEqualTo(UserStatus.ANONYMIZED));
            assertThat(holds.find(ada.id())).isEmpty();
            assertThat(auditLog.events()).hasSize(events);
        }

        @Test
        void placingWritesOneEventWithEmptyDetailsThatKeepsTheReasonOut() {
            User ada = add(Users.anActiveUser().build());

            service.placeLegalHold(ada.id(), REASON);

            assertThat(auditLog.events()).hasSize(1);
            StoredAuditEvent stored = auditLog.events().get(0);
            assertThat(stored.event().action()).isEqualTo(AuditAction.LEGAL_HOLD_PLACED);
            assertThat(stored.event().action().wireName()).isEqualTo("user.legal-hold-placed");
            assertThat(stored.event().target()).contains(ada.id());
            assertThat(stored.event().details()).isEmpty();
            AuditAssertions.assertHoldsNone(stored, REASON, "Zanzibar", "lawsuit");
        }

        @Test
        void placingAgainReplacesTheHold() {
            User ada = add(Users.anActiveUser().build());
            service.placeLegalHold(ada.id(), "first reason");
            UserId otherAdmin = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000bb"));
            actor.set(new Actor(Optional.of(otherAdmin), Optional.empty()));

            service.placeLegalHold(ada.id(), "second reason");

            LegalHold hold = holds.find(ada.id()).orElseThrow();
            assertThat(hold.reason()).isEqualTo("second reason");
            assertThat(hold.placedBy()).contains(otherAdmin);
            assertThat(auditLog.events()).extracting(event -> event.event().action())
                    .containsExactly(AuditAction.LEGAL_HOLD_PLACED, AuditAction.LEGAL_HOLD_PLACED);
        }

        @Test
        void liftingRemovesTheHoldAndWritesOneEvent() {
            User ada = add(Users.anActiveUser().build());
            service.placeLegalHold(ada.id(), REASON);

            service.liftLegalHold(ada.id());

            assertThat(holds.find(ada.id())).isEmpty();
            assertThat(auditLog.events()).extracting(event -> event.event().action())
                    .containsExactly(AuditAction.LEGAL_HOLD_PLACED, AuditAction.LEGAL_HOLD_LIFTED);
            StoredAuditEvent lifted = auditLog.events().get(1);
            assertThat(lifted.event().action().wireName()).isEqualTo("user.legal-hold-lifted");
            assertThat(lifted.event().target()).contains(ada.id());
            assertThat(lifted.event().details()).isEmpty();
        }

        @Test
        void liftingLetsTheErasureProceed() {
            User ada = add(Users.anActiveUser().build());
            service.placeLegalHold(ada.id(), REASON);
            service.liftLegalHold(ada.id());

            service.anonymize(ada.id());

            assertThat(stored(ada.id()).status()).isEqualTo(UserStatus.ANONYMIZED);
        }

        @Test
        void liftingWhenThereIsNoHoldWritesNothing() {
            User ada = add(Users.anActiveUser().build());

            service.liftLegalHold(ada.id());

            assertThat(holds.find(ada.id())).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void refusesABlankReasonAndStoresNothing() {
            User ada = add(Users.anActiveUser().build());

            assertThatThrownBy(() -> service.placeLegalHold(ada.id(), "   ")).isInstanceOf(InvalidUserDataException.class);
            assertThatThrownBy(() -> service.placeLegalHold(ada.id(), null)).isInstanceOf(InvalidUserDataException.class);

            assertThat(holds.find(ada.id())).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void refusesToPlaceAHoldOnAnUnknownUser() {
            assertThatThrownBy(() -> service.placeLegalHold(UNKNOWN_ID, REASON)).isInstanceOf(UserNotFoundException.class);

            assertThat(holds.find(UNKNOWN_ID)).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void refusesToLiftAHoldOfAnUnknownUser() {
            assertThatThrownBy(() -> service.liftLegalHold(UNKNOWN_ID)).isInstanceOf(UserNotFoundException.class);

            assertThat(auditLog.events()).isEmpty();
        }
    }

    /** A user holding data in every catalogued field, with distinctive values. */
    private static Users.Builder aFullUser() {
        return Users.anActiveUser()
                .withEmail(EMAIL)
                .withDisplayName(DISPLAY_NAME)
                .withPhone(PHONE)
                .withAttributes(Map.of("nickname", ATTRIBUTE_VALUE))
                .withPasswordHash(PASSWORD_HASH);
    }

    @Nested
    class Retention {
        private final java.time.Duration thirtyDays = java.time.Duration.ofDays(30);

        @Test
        void erasesUsersDeletedLongerThanTheRetentionPeriodWithAReceiptAndASystemEvent() {
            User expired = add(Users.anActiveUser().deleted().build()); // deleted 2026-01-03, 57 days before NOW

            int erased = service.eraseExpiredBatch(thirtyDays, 10);

            assertThat(erased).isEqualTo(1);
            assertThat(repository.findById(expired.id()).orElseThrow().status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(receipts.findByUser(expired.id())).hasValueSatisfying(receipt -> assertThat(receipt.requestedBy()).isEmpty());
            StoredAuditEvent event = auditLog.events().get(auditLog.events().size() - 1);
            assertThat(event.event().action()).isEqualTo(AuditAction.USER_ANONYMIZED);
            assertThat(event.event().actor()).isEqualTo(dev.roster.application.model.audit.Actor.system());
            assertThat(event.event().details()).containsEntry("reason", "retention");
        }

        @Test
        void leavesRecentDeletionsActiveUsersAndHeldUsersAlone() {
            User expiredButHeld = add(Users.anActiveUser().deleted().build());
            User active = add(Users.anAdmin().build());
            transactions.inTransaction(() -> holds.put(new dev.roster.application.port.out.erasure.LegalHold(expiredButHeld.id(),
                    "litigation", NOW, java.util.Optional.empty())));

            assertThat(service.eraseExpiredBatch(thirtyDays, 10)).isZero();
            assertThat(service.eraseExpiredBatch(java.time.Duration.ofDays(90), 10)).isZero();

            assertThat(repository.findById(expiredButHeld.id()).orElseThrow().status()).isEqualTo(UserStatus.DELETED);
            assertThat(repository.findById(active.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
        }

        @Test
        void takesAtMostOneBatchPerCall() {
            User first = add(Users.anActiveUser().deleted().build());
            User second = add(Users.anActiveUser().withId(new UserId(java.util.UUID.fromString("019b76da-a800-7000-8000-0000000000aa")))
                    .withEmail("second@example.org").deleted().build());

            assertThat(service.eraseExpiredBatch(thirtyDays, 1)).isEqualTo(1);
            assertThat(service.eraseExpiredBatch(thirtyDays, 1)).isEqualTo(1);
            assertThat(service.eraseExpiredBatch(thirtyDays, 1)).isZero();
            assertThat(java.util.List.of(first.id(), second.id())).allSatisfy(id ->
                    assertThat(repository.findById(id).orElseThrow().status()).isEqualTo(UserStatus.ANONYMIZED));
        }
    }

    @Nested
    class Ledger {
        @Test
        void anAnonymizationIsInTheLedgerWhenTheCallReturns() {
            User zelda = add(aFullUser().build());

            ErasureReceipt receipt = service.anonymize(zelda.id());

            assertThat(ledger.entries()).containsExactly(new LedgerEntry(zelda.id(), NOW, receipt.id()));
        }

        @Test
        void aRetentionBatchIsInTheLedgerWhenItReturns() {
            User expired = add(Users.anActiveUser().deleted().build());

            service.eraseExpiredBatch(java.time.Duration.ofDays(30), 10);

            UUID receipt = receipts.findByUser(expired.id()).orElseThrow().id();
            assertThat(ledger.entries()).containsExactly(new LedgerEntry(expired.id(), NOW, receipt));
        }

        @Test
        void aRepeatedAnonymizationAddsNothingToTheLedger() {
            User zelda = add(aFullUser().build());
            service.anonymize(zelda.id());

            service.anonymize(zelda.id());

            assertThat(ledger.entries()).hasSize(1);
        }

        @Test
        void anErasureStandsWhenTheLedgerCannotBeWrittenAndTheNextCatchUpRecordsIt() {
            User zelda = add(aFullUser().build());
            ledger.failFromNowOn(true);

            ErasureReceipt receipt = service.anonymize(zelda.id());

            assertThat(stored(zelda.id()).status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(ledger.entries()).isEmpty();

            ledger.failFromNowOn(false);
            recorder.catchUp();

            assertThat(ledger.entries()).extracting(LedgerEntry::receiptId).containsExactly(receipt.id());
        }

        @Test
        void aRefusedAnonymizationAddsNothingToTheLedger() {
            User zelda = add(aFullUser().build());
            hold(zelda.id(), "litigation");

            assertThatThrownBy(() -> service.anonymize(zelda.id())).isInstanceOf(LegalHoldException.class);

            assertThat(ledger.entries()).isEmpty();
        }
    }

    @Nested
    class Reapply {
        private final UUID ledgerReceipt = UUID.fromString("019b76da-a800-7000-a000-00000000000f");

        /** Erases the user, then puts the whole store back as it was before: a restored backup. */
        private ErasureReceipt eraseThenRestoreTheBackup(User user) {
            Runnable restore = store.backup();
            ErasureReceipt first = service.anonymize(user.id());
            restore.run();
            return first;
        }

        @Test
        void erasesARestoredUserAgainWithANewReceipt() {
            User zelda = add(aFullUser().build());
            addFiles(zelda, 2);
            ErasureReceipt first = eraseThenRestoreTheBackup(zelda);
            assertThat(stored(zelda.id()).status()).isEqualTo(UserStatus.ACTIVE);

            ReapplyOutcome outcome = service.reapply(zelda.id(), first.id());

            assertThat(outcome.kind()).isEqualTo(ReapplyOutcome.Kind.REAPPLIED);
            ErasureReceipt second = outcome.receipt().orElseThrow();
            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.erasedFields()).containsExactly("email", "displayName", "phone", "attributes", "passwordHash");
            assertThat(second.removed()).isEqualTo(Map.of("files", 2L, "dataPackages", 0L));
            UserSnapshot after = stored(zelda.id());
            assertThat(after.status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(PersonalData.presentIn(after)).isEmpty();
            assertThat(after.erasureReceiptId()).isEqualTo(second.id());
            assertThat(receipts.findByUser(zelda.id())).contains(second);
            assertThat(files.countByOwner(zelda.id())).isZero();
        }

        @Test
        void auditsItAsAReplayedErasureAndPublishesUserAnonymizedWithTheNewReceipt() {
            User zelda = add(aFullUser().build());
            ErasureReceipt first = eraseThenRestoreTheBackup(zelda);

            ErasureReceipt second = service.reapply(zelda.id(), first.id()).receipt().orElseThrow();

            StoredAuditEvent replayed = auditLog.events().get(auditLog.events().size() - 1);
            assertThat(replayed.event().action()).isEqualTo(AuditAction.USER_ERASURE_REPLAYED);
            assertThat(replayed.event().action().wireName()).isEqualTo("user.erasure_replayed");
            assertThat(replayed.event().target()).contains(zelda.id());
            assertThat(replayed.event().details()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fields", "email,displayName,phone,attributes,passwordHash",
                    "files", "0",
                    "dataPackages", "0",
                    "receipt", second.id().toString(),
                    "ledgerReceipt", first.id().toString(),
                    "reason", "replay"));
            AuditAssertions.assertHoldsNone(replayed, EMAIL, DISPLAY_NAME, PHONE, ATTRIBUTE_VALUE, PASSWORD_HASH);
            StoredChangeEvent published = changeLog.events().get(changeLog.events().size() - 1);
            assertThat(published.event().type()).isEqualTo(ChangeType.USER_ANONYMIZED);
            assertThat(published.event().data()).containsEntry("receiptId", second.id().toString()).containsEntry("reason", "replay");
        }

        @Test
        void leavesAnErasedUserAloneAndWritesNothing() {
            User zelda = add(aFullUser().build());
            ErasureReceipt first = service.anonymize(zelda.id());
            UserSnapshot before = stored(zelda.id());
            long modifications = store.modifications();
            int events = auditLog.events().size();

            ReapplyOutcome outcome = service.reapply(zelda.id(), first.id());

            assertThat(outcome).isEqualTo(ReapplyOutcome.alreadyErased());
            assertThat(stored(zelda.id())).isEqualTo(before);
            assertThat(store.modifications()).isEqualTo(modifications);
            assertThat(auditLog.events()).hasSize(events);
            assertThat(receipts.findByUser(zelda.id())).contains(first);
        }

        @Test
        void countsAnAbsentUserAsNotFoundAndCreatesNothing() {
            ReapplyOutcome outcome = service.reapply(UNKNOWN_ID, ledgerReceipt);

            assertThat(outcome).isEqualTo(ReapplyOutcome.notFound());
            assertThat(store.size()).isZero();
            assertThat(receipts.findByUser(UNKNOWN_ID)).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void liftsALegalHoldTheRestoreBroughtBackAndAuditsThat() {
            User zelda = add(aFullUser().build());
            Runnable restore = store.backup();
            service.anonymize(zelda.id());
            restore.run();
            hold(zelda.id(), "placed after the restore");
            transactions.inTransaction(() -> {
                User held = repository.findById(zelda.id()).orElseThrow();
                held.changeLegalHold(true, NOW);
                repository.update(held);
            });

            ReapplyOutcome outcome = service.reapply(zelda.id(), ledgerReceipt);

            assertThat(outcome.kind()).isEqualTo(ReapplyOutcome.Kind.REAPPLIED);
            assertThat(outcome.legalHoldLifted()).isTrue();
            assertThat(holds.find(zelda.id())).isEmpty();
            assertThat(stored(zelda.id()).legalHold()).isFalse();
            assertThat(stored(zelda.id()).status()).isEqualTo(UserStatus.ANONYMIZED);
            List<StoredAuditEvent> events = auditLog.events();
            assertThat(events.get(events.size() - 2).event().action()).isEqualTo(AuditAction.LEGAL_HOLD_LIFTED);
            assertThat(events.get(events.size() - 2).event().details()).isEqualTo(Map.of("reason", "erasure_replayed"));
            assertThat(events.get(events.size() - 1).event().details()).containsEntry("legalHold", "lifted");
            assertThat(events.get(events.size() - 1).toString()).doesNotContain("placed after the restore");
        }

        @Test
        void erasesTheLastActiveAdministratorToo() {
            User onlyAdmin = add(Users.anAdmin().build());
            ErasureReceipt first = service.reapply(onlyAdmin.id(), ledgerReceipt).receipt().orElseThrow();

            assertThat(first.userId()).isEqualTo(onlyAdmin.id());
            assertThat(stored(onlyAdmin.id()).status()).isEqualTo(UserStatus.ANONYMIZED);
        }

        @Test
        void replacesTheReceiptAPartialRestoreLeftBesideTheUnerasedUser() {
            User zelda = add(aFullUser().build());
            UserSnapshot before = stored(zelda.id());
            ErasureReceipt first = service.anonymize(zelda.id());
            // only the users table restored: the receipt of the erasure stays
            transactions.inTransaction(() -> store.replace(before, stored(zelda.id()).version()));

            ErasureReceipt second = service.reapply(zelda.id(), first.id()).receipt().orElseThrow();

            assertThat(receipts.findByUser(zelda.id())).contains(second);
            assertThat(receipts.findById(first.id())).isEmpty();
            assertThat(auditLog.events().get(auditLog.events().size() - 1).event().details())
                    .containsEntry("replacedReceipt", first.id().toString());
        }

        @Test
        void isNotRateLimitedAndNamesNoRequesterWhenTheSystemReplays() {
            service = serviceWith(new FakeRateLimiter(0));
            actor.set(Actor.system());
            User zelda = add(aFullUser().build());

            ErasureReceipt receipt = service.reapply(zelda.id(), ledgerReceipt).receipt().orElseThrow();

            assertThat(receipt.requestedBy()).isEmpty();
            assertThat(auditLog.events().get(auditLog.events().size() - 1).event().actor()).isEqualTo(Actor.system());
        }

        @Test
        void leavesRecordingInTheLedgerToItsCaller() {
            User zelda = add(aFullUser().build());

            service.reapply(zelda.id(), ledgerReceipt);

            assertThat(ledger.entries()).isEmpty();
        }
    }

    /** Client addresses in the audit trail are the actor's personal data: every erasure clears the user's (ADR 0022). */
    @Nested
    class ClientAddresses {
        private static final String ZELDAS_ADDRESS = "198.51.100.77";

        @Test
        void anErasureClearsTheAddressesTheUserLeftAsActorAndOfFailedLoginsAimedAtItAndNoOneElses() {
            User zelda = add(aFullUser().build());
            Actor asZelda = new Actor(Optional.of(zelda.id()), Optional.of(ZELDAS_ADDRESS));
            record(asZelda, AuditAction.LOGIN_SUCCEEDED, zelda.id());
            record(asZelda, AuditAction.USER_UPDATED, zelda.id());
            record(new Actor(Optional.empty(), Optional.of(ZELDAS_ADDRESS)), AuditAction.LOGIN_FAILED, zelda.id());
            record(FixedActor.DEFAULT, AuditAction.USER_UPDATED, zelda.id());

            service.anonymize(zelda.id());

            assertThat(auditLog.events()).extracting(stored -> stored.event().actor().clientAddress()).containsExactly(
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(FixedActor.CLIENT_ADDRESS), Optional.of(FixedActor.CLIENT_ADDRESS));
            assertThat(auditLog.events()).allSatisfy(stored -> assertThat(stored.addressCommitment()).isPresent());
            assertThat(auditLog.events().toString()).doesNotContain(ZELDAS_ADDRESS);
            assertThat(verify().valid()).isTrue();
        }

        @Test
        void aSelfErasureClearsTheAddressOfTheErasureEventItself() {
            User zelda = add(aFullUser().build());
            actor.set(new Actor(Optional.of(zelda.id()), Optional.of(ZELDAS_ADDRESS)));

            service.anonymize(zelda.id());

            StoredAuditEvent erasure = auditLog.events().get(0);
            assertThat(erasure.event().action()).isEqualTo(AuditAction.USER_ANONYMIZED);
            assertThat(erasure.event().actor().userId()).contains(zelda.id());
            assertThat(erasure.event().actor().clientAddress()).isEmpty();
            assertThat(verify().valid()).isTrue();
        }

        @Test
        void theRetentionErasureClearsThemToo() {
            User expired = add(Users.anActiveUser().deleted().build());
            record(new Actor(Optional.of(expired.id()), Optional.of(ZELDAS_ADDRESS)), AuditAction.USER_DELETED, expired.id());

            assertThat(service.eraseExpiredBatch(java.time.Duration.ofDays(30), 10)).isEqualTo(1);

            assertThat(auditLog.events().get(0).event().actor().clientAddress()).isEmpty();
            assertThat(verify().valid()).isTrue();
        }

        @Test
        void aRefusedErasureClearsNothing() {
            User zelda = add(aFullUser().build());
            record(new Actor(Optional.of(zelda.id()), Optional.of(ZELDAS_ADDRESS)), AuditAction.LOGIN_SUCCEEDED, zelda.id());
            hold(zelda.id(), "litigation");

            assertThatThrownBy(() -> service.anonymize(zelda.id())).isInstanceOf(LegalHoldException.class);

            assertThat(auditLog.events().get(0).event().actor().clientAddress()).contains(ZELDAS_ADDRESS);
        }

        private void record(Actor as, AuditAction action, UserId target) {
            transactions.inTransaction(() -> new Auditor(auditLog, changeLog, actor, clock).record(as, action, target, Map.of()));
        }

        private dev.roster.application.port.in.audit.ChainVerification verify() {
            return new dev.roster.application.service.audit.AuditTrailService(auditLog,
                    new dev.roster.application.fakes.InMemoryEventSequencer(changeLog), transactions).verify();
        }
    }

    private User add(User user) {
        transactions.inTransaction(() -> repository.add(user));
        return user;
    }

    private void addFiles(User owner, int count) {
        for (int i = 0; i < count; i++) {
            UUID id = UUID.fromString(String.format("00000000-0000-4000-8000-%012x", ++filesAdded));
            OwnedFile file = new OwnedFile(id, owner.id(),
                    "contract-" + i + ".pdf", 1234, "application/pdf", NOW);
            transactions.inTransaction(() -> files.add(file));
        }
    }

    private void hold(UserId id, String reason) {
        transactions.inTransaction(() -> holds.put(new LegalHold(id, reason, NOW, Optional.empty())));
    }

    private UserSnapshot stored(UserId id) {
        return store.findById(id).orElseThrow();
    }

    private void assertUnchanged(UserId id, UserSnapshot before, long filesBefore) {
        assertThat(stored(id)).isEqualTo(before);
        assertThat(files.countByOwner(id)).isEqualTo(filesBefore);
        assertThat(receipts.findByUser(id)).isEmpty();
        assertThat(auditLog.events()).isEmpty();
    }

    /** An ACCESS request of the user, completed with a (fake) package that holds personal data. */
    private UUID storePackage(User user) {
        UUID id = UUID.randomUUID();
        transactions.inTransaction(() -> {
            packages.add(new dev.roster.application.model.privacy.PrivacyRequest(id,
                    dev.roster.application.model.privacy.PrivacyRequestType.ACCESS, user.id(), NOW, NOW.plusSeconds(86_400),
                    dev.roster.application.model.privacy.PrivacyRequestStatus.COMPLETED, Optional.empty(), Optional.empty(),
                    Optional.empty(), java.util.List.of()));
            packages.attachPackage(new dev.roster.application.model.privacy.StoredDataPackage(id, user.id(), NOW,
                    "{\"profile\":{\"email\":\"" + EMAIL + "\"}}"));
        });
        return id;
    }
}

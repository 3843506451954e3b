package dev.roster.application.service.privacy;

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
import dev.roster.application.fakes.InMemoryUserQueries;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.model.privacy.InvalidPrivacyRequestException;
import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCounts;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.model.privacy.PrivacyRequestStateException;
import dev.roster.application.model.privacy.PrivacyRequestStatus;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.model.privacy.StepAction;
import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.application.model.recipients.RecipientStatus;
import dev.roster.application.model.recipients.RecipientStatuses;
import dev.roster.application.port.in.erasure.LegalHoldException;
import dev.roster.application.port.in.privacy.FilePrivacyRequestCommand;
import dev.roster.application.port.in.privacy.ListPrivacyRequestsQuery;
import dev.roster.application.port.in.privacy.PrivacyRequestNotFoundException;
import dev.roster.application.port.in.privacy.PrivacyRequestPage;
import dev.roster.application.port.in.privacy.RequestPackageNotFoundException;
import dev.roster.application.port.out.erasure.LegalHold;
import dev.roster.application.port.out.privacy.PrivacyMetrics;
import dev.roster.application.service.AuditAssertions;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.erasure.DataPackageService;
import dev.roster.application.service.erasure.ErasureService;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Privacy requests over in-memory fakes, with the real erasure and data-package services behind them. */
class PrivacyRequestServiceTest {
    private static final Instant START = Instant.parse("2025-01-31T10:00:00Z");
    // Distinctive texts people write, so that a leak into an audit or change event cannot be a coincidence.
    private static final String NOTE = "Ottilie-Quandt-letter-7731";
    private static final String REASON = "Verbose-Grimsby-reason-4410";
    private static final String DONE = "Fenwick-Strudel-done-9902";
    private static final String EMAIL = "ottilie.quandt@example.org";

    private InMemoryUserStore store;
    private InMemoryUserRepository users;
    private InMemoryTransactionBoundary transactions;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private InMemoryLegalHoldRepository holds;
    private InMemoryPrivacyRequests requests;
    private MutableClock clock;
    private RecordingMetrics metrics;
    private InMemoryErasureReceiptRepository receipts;
    /** The erasure recipients' answer: none registered unless a test says otherwise. */
    private List<RecipientStatus> outstandingRecipients;
    private PrivacyRequestService service;
    private RestrictionService restrictions;
    private User ottilie;

    @BeforeEach
    void wire() {
        store = new InMemoryUserStore();
        users = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        InMemoryFileRepository files = new InMemoryFileRepository(store);
        holds = new InMemoryLegalHoldRepository(store);
        receipts = new InMemoryErasureReceiptRepository(store);
        outstandingRecipients = List.of();
        requests = new InMemoryPrivacyRequests(store);
        clock = new MutableClock(START);
        metrics = new RecordingMetrics();
        FixedActor actor = new FixedActor();
        Auditor auditor = new Auditor(auditLog, changeLog, actor, clock);
        ErasureLedgerRecorder ledger = new ErasureLedgerRecorder(new InMemoryErasureLedger(), changeLog,
                new InMemoryEventSequencer(changeLog), receipts, transactions);
        ErasureService erasure = new ErasureService(users, files, requests, receipts, holds, FakeRateLimiter.unlimited(),
                transactions, clock, auditor, ledger);
        DataPackageService packages = new DataPackageService(new InMemoryUserQueries(store), files, auditLog,
                new InMemoryEventSequencer(changeLog), FakeRateLimiter.unlimited(), transactions, clock, auditor, 30, java.time.Duration.ofDays(90));
        service = new PrivacyRequestService(requests, users, holds, packages,
                data -> "{\"profile\":{\"email\":\"" + data.profile().email() + "\"},\"generatedAt\":\"" + data.generatedAt() + "\"}",
                erasure, receiptId -> new RecipientStatuses(receiptId, outstandingRecipients), metrics, transactions, auditor,
                clock, ZoneOffset.UTC);
        restrictions = new RestrictionService(users, transactions, auditor, clock);
        ottilie = Users.anActiveUser().withEmail(EMAIL).withDisplayName("Ottilie Quandt").build();
        transactions.inTransaction(() -> users.add(ottilie));
    }

    private PrivacyRequest file(PrivacyRequestType type) {
        return service.file(new FilePrivacyRequestCommand(type, ottilie.id(), Optional.empty(), Optional.of(NOTE)));
    }

    private User stored(UserId id) {
        return transactions.readOnly(() -> users.findById(id)).orElseThrow();
    }

    private List<StoredAuditEvent> audited(AuditAction action) {
        return auditLog.events().stream().filter(stored -> stored.event().action() == action).toList();
    }

    /** Erases {@code user} through an ERASURE request of its own; returns the receipt id. */
    private UUID erasureOf(User user) {
        PrivacyRequest request = service.file(new FilePrivacyRequestCommand(PrivacyRequestType.ERASURE, user.id(),
                Optional.empty(), Optional.empty()));
        service.complete(request.id(), Optional.empty());
        return stored(user.id()).erasureReceiptId().orElseThrow();
    }

    private List<StoredChangeEvent> published(ChangeType type) {
        return changeLog.events().stream().filter(stored -> stored.event().type() == type).toList();
    }

    @Nested
    class Filing {
        @Test
        void storesTheRequestDueInAMonthAuditsItAndPublishesIt() {
            PrivacyRequest request = file(PrivacyRequestType.ACCESS);

            assertThat(request.status()).isEqualTo(PrivacyRequestStatus.RECEIVED);
            assertThat(request.receivedAt()).isEqualTo(START);
            assertThat(request.dueAt()).isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
            assertThat(request.note()).contains(NOTE);
            assertThat(request.history()).singleElement().satisfies(step -> {
                assertThat(step.action()).isEqualTo(StepAction.RECEIVED);
                assertThat(step.actor()).contains(FixedActor.ACTOR_ID);
            });
            assertThat(service.get(request.id())).isEqualTo(request);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_RECEIVED)).singleElement().satisfies(stored -> {
                assertThat(stored.event().target()).contains(ottilie.id());
                assertThat(stored.event().details()).isEqualTo(Map.of("requestId", request.id().toString(), "type", "ACCESS",
                        "status", "RECEIVED", "via", "staff"));
            });
            assertThat(published(ChangeType.PRIVACY_REQUEST_RECEIVED)).singleElement().satisfies(stored -> {
                assertThat(stored.event().userId()).isEqualTo(ottilie.id());
                assertThat(stored.event().data()).isEqualTo(Map.of("requestId", request.id().toString(), "requestType", "ACCESS",
                        "status", "RECEIVED", "dueAt", "2025-02-28T10:00:00Z"));
            });
        }

        @Test
        void takesTheReceivedTimeStaffGive() {
            PrivacyRequest request = service.file(new FilePrivacyRequestCommand(PrivacyRequestType.ERASURE, ottilie.id(),
                    Optional.of(Instant.parse("2024-01-31T08:00:00Z")), Optional.empty()));

            assertThat(request.dueAt()).isEqualTo(Instant.parse("2024-02-29T08:00:00Z"));
            assertThat(request.isOverdue(clock.instant())).isTrue();
        }

        @Test
        void refusesAUserIdThatNamesNoUserAndStoresNothing() {
            UserId nobody = new UserId(UUID.fromString("019b76da-a800-7000-8000-00000000dead"));

            assertThatThrownBy(() -> service.file(new FilePrivacyRequestCommand(PrivacyRequestType.ACCESS, nobody, Optional.empty(),
                    Optional.empty()))).isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("userId"));
            assertThat(page(PrivacyRequestFilter.all(), 10).items()).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void refusesAReceivedTimeInTheFuture() {
            assertThatThrownBy(() -> service.file(new FilePrivacyRequestCommand(PrivacyRequestType.ACCESS, ottilie.id(),
                    Optional.of(START.plusSeconds(1)), Optional.empty()))).isInstanceOf(InvalidPrivacyRequestException.class);
        }

        @Test
        void aUserFilesItsOwnRequestOneOpenRequestPerTypeAtATime() {
            PrivacyRequest own = service.fileOwn(ottilie.id(), PrivacyRequestType.PORTABILITY, Optional.of(NOTE));

            assertThat(own.receivedAt()).isEqualTo(START);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_RECEIVED).get(0).event().details()).containsEntry("via", "self-service");
            assertThatThrownBy(() -> service.fileOwn(ottilie.id(), PrivacyRequestType.PORTABILITY, Optional.empty()))
                    .isInstanceOf(PrivacyRequestStateException.class).hasMessageContaining(own.id().toString());
            assertThat(service.fileOwn(ottilie.id(), PrivacyRequestType.ERASURE, Optional.empty()).type()).isEqualTo(PrivacyRequestType.ERASURE);

            service.refuse(own.id(), REASON);

            assertThat(service.fileOwn(ottilie.id(), PrivacyRequestType.PORTABILITY, Optional.empty()).status())
                    .isEqualTo(PrivacyRequestStatus.RECEIVED);
        }
    }

    @Nested
    class Extending {
        @Test
        void extendsOnceAuditsTheMonthsAndPublishesTheNewDueDate() {
            PrivacyRequest request = file(PrivacyRequestType.ACCESS);
            clock.advance(Duration.ofDays(20));

            PrivacyRequest extended = service.extend(request.id(), REASON, 2);

            assertThat(extended.dueAt()).isEqualTo(Instant.parse("2025-04-30T10:00:00Z"));
            assertThat(extended.extension()).hasValueSatisfying(extension -> assertThat(extension.reason()).isEqualTo(REASON));
            assertThat(service.get(request.id())).isEqualTo(extended);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_EXTENDED)).singleElement()
                    .satisfies(stored -> assertThat(stored.event().details()).containsEntry("months", "2").containsEntry("status", "EXTENDED"));
            assertThat(published(ChangeType.PRIVACY_REQUEST_EXTENDED)).singleElement().satisfies(stored -> assertThat(stored.event().data())
                    .containsEntry("dueAt", "2025-04-30T10:00:00Z").containsEntry("months", 2L).containsEntry("status", "EXTENDED"));
            assertThatThrownBy(() -> service.extend(request.id(), REASON, 1)).isInstanceOf(PrivacyRequestStateException.class);
        }

        @Test
        void isRefusedOnceTheOriginalDueDateHasPassedAndChangesNothing() {
            PrivacyRequest request = file(PrivacyRequestType.ACCESS);
            clock.set(request.dueAt());

            assertThatThrownBy(() -> service.extend(request.id(), REASON, 1)).isInstanceOf(PrivacyRequestStateException.class);
            assertThat(service.get(request.id())).isEqualTo(request);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_EXTENDED)).isEmpty();
        }

        @Test
        void anUnknownRequestIsNotFound() {
            assertThatThrownBy(() -> service.extend(UUID.randomUUID(), REASON, 1)).isInstanceOf(PrivacyRequestNotFoundException.class);
        }
    }

    @Nested
    class Completing {
        @Test
        void anAccessRequestAttachesTheDataPackageAsItIsNow() {
            PrivacyRequest request = file(PrivacyRequestType.ACCESS);
            clock.advance(Duration.ofDays(3));

            PrivacyRequest done = service.complete(request.id(), Optional.of(DONE));

            assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            StoredDataPackage stored = requests.findPackage(request.id()).orElseThrow();
            assertThat(stored.json()).contains(EMAIL).contains(clock.instant().toString());
            assertThat(done.outcome()).hasValueSatisfying(outcome -> {
                assertThat(outcome.packageGeneratedAt()).contains(clock.instant());
                assertThat(outcome.packageSize()).isEqualTo(stored.sizeBytes());
                assertThat(outcome.note()).contains(DONE);
            });
            assertThat(audited(AuditAction.DATA_EXPORTED)).hasSize(1);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_COMPLETED)).singleElement()
                    .satisfies(event -> assertThat(event.event().details()).containsEntry("package", "attached"));
            assertThat(published(ChangeType.PRIVACY_REQUEST_COMPLETED)).singleElement()
                    .satisfies(event -> assertThat(event.event().data()).containsEntry("status", "COMPLETED"));
            assertThat(metrics.closed).containsExactly(new Closed(PrivacyRequestType.ACCESS, PrivacyRequestStatus.COMPLETED, Duration.ofDays(3)));
        }

        @Test
        void completingTwiceIsRefusedAndProducesNoSecondPackage() {
            PrivacyRequest request = file(PrivacyRequestType.PORTABILITY);
            service.complete(request.id(), Optional.empty());

            assertThatThrownBy(() -> service.complete(request.id(), Optional.empty()))
                    .isInstanceOf(PrivacyRequestStateException.class).hasMessageContaining("COMPLETED");
            assertThat(audited(AuditAction.DATA_EXPORTED)).hasSize(1);
            assertThatThrownBy(() -> service.refuse(request.id(), REASON)).isInstanceOf(PrivacyRequestStateException.class);
            assertThatThrownBy(() -> service.extend(request.id(), REASON, 1)).isInstanceOf(PrivacyRequestStateException.class);
        }

        @Test
        void anErasureRequestErasesTheUserAndRecordsTheReceipt() {
            PrivacyRequest request = file(PrivacyRequestType.ERASURE);

            PrivacyRequest done = service.complete(request.id(), Optional.empty());

            User erased = stored(ottilie.id());
            assertThat(erased.status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(done.outcome().flatMap(PrivacyRequest.Outcome::receiptId)).isEqualTo(erased.erasureReceiptId());
            assertThat(published(ChangeType.USER_ANONYMIZED)).hasSize(1);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_COMPLETED)).singleElement().satisfies(event ->
                    assertThat(event.event().details()).containsEntry("receipt", erased.erasureReceiptId().orElseThrow().toString()));
            assertThat(published(ChangeType.PRIVACY_REQUEST_COMPLETED)).singleElement().satisfies(event ->
                    assertThat(event.event().data()).containsEntry("receiptId", erased.erasureReceiptId().orElseThrow().toString()));
        }

        @Test
        void anErasureOnLegalHoldIsRefusedRecordedAndLeftOpen() {
            PrivacyRequest request = file(PrivacyRequestType.ERASURE);
            transactions.inTransaction(() -> holds.put(new LegalHold(ottilie.id(), "litigation", START, Optional.empty())));

            assertThatThrownBy(() -> service.complete(request.id(), Optional.empty())).isInstanceOf(LegalHoldException.class);

            PrivacyRequest after = service.get(request.id());
            assertThat(after.status()).isEqualTo(PrivacyRequestStatus.RECEIVED);
            assertThat(after.history()).last().satisfies(step -> {
                assertThat(step.action()).isEqualTo(StepAction.ERASURE_BLOCKED);
                assertThat(step.detail()).contains("legal-hold");
            });
            assertThat(stored(ottilie.id()).status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_ERASURE_BLOCKED)).singleElement()
                    .satisfies(event -> assertThat(event.event().details()).containsEntry("reason", "legal-hold"));
            assertThat(published(ChangeType.PRIVACY_REQUEST_COMPLETED)).isEmpty();
            assertThat(metrics.closed).isEmpty();

            transactions.inTransaction(() -> holds.remove(ottilie.id()));
            assertThat(service.complete(request.id(), Optional.empty()).status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
        }

        @Test
        void aRestrictionRequestRestrictsTheUserOnce() {
            PrivacyRequest request = file(PrivacyRequestType.RESTRICTION);

            PrivacyRequest done = service.complete(request.id(), Optional.of(DONE));

            assertThat(stored(ottilie.id()).isRestricted()).isTrue();
            assertThat(done.outcome()).hasValueSatisfying(outcome -> assertThat(outcome.userRestricted()).isTrue());
            assertThat(audited(AuditAction.USER_RESTRICTED)).singleElement()
                    .satisfies(event -> assertThat(event.event().details()).isEqualTo(Map.of("requestId", request.id().toString())));
            assertThat(published(ChangeType.USER_RESTRICTED)).singleElement()
                    .satisfies(event -> assertThat(event.event().data()).containsEntry("requestId", request.id().toString()));

            PrivacyRequest again = file(PrivacyRequestType.RESTRICTION);
            service.complete(again.id(), Optional.empty());

            assertThat(audited(AuditAction.USER_RESTRICTED)).as("restricting a restricted user changes nothing").hasSize(1);
        }

        @Test
        void aRestrictionOfAnErasedUserIsRefusedAndTheRequestStaysOpen() {
            PrivacyRequest request = file(PrivacyRequestType.RESTRICTION);
            service.complete(file(PrivacyRequestType.ERASURE).id(), Optional.empty());

            assertThatThrownBy(() -> service.complete(request.id(), Optional.empty())).isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(service.get(request.id()).status()).isEqualTo(PrivacyRequestStatus.RECEIVED);
        }

        @Test
        void aRectificationNeedsTheNoteOfWhatWasDone() {
            PrivacyRequest request = file(PrivacyRequestType.RECTIFICATION);

            assertThatThrownBy(() -> service.complete(request.id(), Optional.empty()))
                    .isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("note"));
            PrivacyRequest done = service.complete(request.id(), Optional.of(DONE));

            assertThat(done.outcome().flatMap(PrivacyRequest.Outcome::note)).contains(DONE);
        }

        @Test
        void aRequestOfAPurgedUserCannotBeFulfilled() {
            PrivacyRequest access = file(PrivacyRequestType.ACCESS);
            PrivacyRequest erasure = file(PrivacyRequestType.ERASURE);
            transactions.inTransaction(() -> users.delete(ottilie.id()));

            assertThatThrownBy(() -> service.complete(access.id(), Optional.empty())).isInstanceOf(PrivacyRequestStateException.class)
                    .hasMessageContaining("no longer exists");
            assertThatThrownBy(() -> service.complete(erasure.id(), Optional.empty())).isInstanceOf(PrivacyRequestStateException.class);
            assertThat(service.refuse(access.id(), REASON).status()).isEqualTo(PrivacyRequestStatus.REFUSED);
        }

        @Test
        void anErasureWithARecipientStillToConfirmWaitsInProgressAndCompletesWhenTheLastOneConfirms() {
            outstandingRecipients = List.of(new RecipientStatus(UUID.fromString("019b76da-a800-7000-8000-0000000000aa"),
                    "orders", RecipientStatus.Status.PENDING, Optional.empty(), Optional.empty(), false, Optional.empty()));
            PrivacyRequest request = file(PrivacyRequestType.ERASURE);

            PrivacyRequest waiting = service.complete(request.id(), Optional.of(DONE));

            UUID receiptId = stored(ottilie.id()).erasureReceiptId().orElseThrow();
            assertThat(stored(ottilie.id()).status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(waiting.status()).isEqualTo(PrivacyRequestStatus.IN_PROGRESS);
            assertThat(waiting.outcome().flatMap(PrivacyRequest.Outcome::receiptId)).contains(receiptId);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_AWAITING_CONFIRMATIONS)).singleElement().satisfies(event ->
                    assertThat(event.event().details()).containsEntry("receipt", receiptId.toString()));
            assertThat(audited(AuditAction.PRIVACY_REQUEST_COMPLETED)).isEmpty();
            assertThat(published(ChangeType.PRIVACY_REQUEST_COMPLETED)).isEmpty();
            assertThat(metrics.closed).isEmpty();
            assertThatThrownBy(() -> service.refuse(request.id(), REASON)).isInstanceOf(PrivacyRequestStateException.class);

            new ErasureRequestCompletion(receipts, requests, service).allConfirmed(receiptId);

            PrivacyRequest done = service.get(request.id());
            assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            assertThat(done.outcome().flatMap(PrivacyRequest.Outcome::note)).contains(DONE);
            assertThat(published(ChangeType.PRIVACY_REQUEST_COMPLETED)).hasSize(1);
            assertThat(metrics.closed).hasSize(1);
        }

        @Test
        void aConfirmationOfAnotherErasureCompletesNothing() {
            outstandingRecipients = List.of(new RecipientStatus(UUID.fromString("019b76da-a800-7000-8000-0000000000aa"),
                    "orders", RecipientStatus.Status.PENDING, Optional.empty(), Optional.empty(), false, Optional.empty()));
            PrivacyRequest request = file(PrivacyRequestType.ERASURE);
            service.complete(request.id(), Optional.empty());
            User other = Users.anActiveUser().withId(UserId.parse("019b76da-a800-7000-8000-0000000000bb"))
                    .withEmail("other.person@example.org").build();
            transactions.inTransaction(() -> users.add(other));
            UUID othersReceipt = erasureOf(other);

            new ErasureRequestCompletion(receipts, requests, service).allConfirmed(othersReceipt);
            new ErasureRequestCompletion(receipts, requests, service).allConfirmed(UUID.randomUUID());

            assertThat(service.get(request.id()).status()).isEqualTo(PrivacyRequestStatus.IN_PROGRESS);
        }

        @Test
        void completeErasureClosesAnErasureRequestGivenItsReceipt() {
            PrivacyRequest waiting = file(PrivacyRequestType.ERASURE).awaitingConfirmations(UUID.fromString(
                    "019b76da-a800-7000-8000-0000000000cc"), Optional.of(DONE), START, Optional.empty());
            transactions.inTransaction(() -> requests.update(waiting));
            clock.advance(Duration.ofDays(9));

            assertThatThrownBy(() -> service.completeErasure(waiting.id(), UUID.randomUUID())).isInstanceOf(PrivacyRequestStateException.class);
            PrivacyRequest done = service.completeErasure(waiting.id(), UUID.fromString("019b76da-a800-7000-8000-0000000000cc"));

            assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            assertThat(done.outcome().flatMap(PrivacyRequest.Outcome::note)).contains(DONE);
            assertThat(metrics.closed).containsExactly(new Closed(PrivacyRequestType.ERASURE, PrivacyRequestStatus.COMPLETED, Duration.ofDays(9)));
            assertThatThrownBy(() -> service.completeErasure(file(PrivacyRequestType.ACCESS).id(), UUID.randomUUID()))
                    .isInstanceOf(PrivacyRequestStateException.class).hasMessageContaining("no ERASURE");
        }
    }

    @Nested
    class Refusing {
        @Test
        void keepsTheReasonInTheRequestAuditsAndPublishes() {
            PrivacyRequest request = file(PrivacyRequestType.OBJECTION);
            clock.advance(Duration.ofHours(5));

            PrivacyRequest refused = service.refuse(request.id(), REASON);

            assertThat(refused.outcome().flatMap(PrivacyRequest.Outcome::refusalReason)).contains(REASON);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_REFUSED)).hasSize(1);
            assertThat(published(ChangeType.PRIVACY_REQUEST_REFUSED)).singleElement()
                    .satisfies(event -> assertThat(event.event().data()).containsEntry("status", "REFUSED"));
            assertThat(metrics.closed).containsExactly(new Closed(PrivacyRequestType.OBJECTION, PrivacyRequestStatus.REFUSED, Duration.ofHours(5)));
            assertThatThrownBy(() -> service.refuse(request.id(), REASON)).isInstanceOf(PrivacyRequestStateException.class);
            assertThatThrownBy(() -> service.complete(request.id(), Optional.of(DONE))).isInstanceOf(PrivacyRequestStateException.class);
        }
    }

    @Nested
    class Packages {
        @Test
        void aDownloadIsAuditedAndAnotherUsersIsNotFound() {
            PrivacyRequest request = file(PrivacyRequestType.ACCESS);
            service.complete(request.id(), Optional.empty());

            StoredDataPackage stored = service.download(request.id(), Optional.empty());
            StoredDataPackage own = service.download(request.id(), Optional.of(ottilie.id()));

            assertThat(own).isEqualTo(stored);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_PACKAGE_DOWNLOADED)).hasSize(2)
                    .allSatisfy(event -> assertThat(event.event().target()).contains(ottilie.id()));
            assertThatThrownBy(() -> service.download(request.id(), Optional.of(new UserId(UUID.randomUUID()))))
                    .isInstanceOf(PrivacyRequestNotFoundException.class);
        }

        @Test
        void aRequestWithoutPackageHasNoneToDownload() {
            PrivacyRequest open = file(PrivacyRequestType.ACCESS);

            assertThatThrownBy(() -> service.download(open.id(), Optional.empty())).isInstanceOf(RequestPackageNotFoundException.class);
            assertThatThrownBy(() -> service.download(UUID.randomUUID(), Optional.empty())).isInstanceOf(PrivacyRequestNotFoundException.class);
            assertThat(audited(AuditAction.PRIVACY_REQUEST_PACKAGE_DOWNLOADED)).isEmpty();
        }

        @Test
        void theUsersErasureRemovesThePackage() {
            PrivacyRequest access = file(PrivacyRequestType.ACCESS);
            service.complete(access.id(), Optional.empty());

            service.complete(file(PrivacyRequestType.ERASURE).id(), Optional.empty());

            assertThat(requests.findPackage(access.id())).isEmpty();
            assertThatThrownBy(() -> service.download(access.id(), Optional.empty())).isInstanceOf(RequestPackageNotFoundException.class);
            assertThat(service.get(access.id()).status()).as("the request itself is kept").isEqualTo(PrivacyRequestStatus.COMPLETED);
        }
    }

    @Nested
    class Listing {
        @Test
        void pagesThroughTheQueueByDueDateWithACursor() {
            for (int day = 1; day <= 5; day++) { // filed in the reverse order of their due dates
                service.file(new FilePrivacyRequestCommand(PrivacyRequestType.ACCESS, ottilie.id(),
                        Optional.of(START.minus(Duration.ofDays(day * 10L))), Optional.empty()));
            }

            PrivacyRequestPage first = page(PrivacyRequestFilter.all(), 2);
            PrivacyRequestPage second = service.list(new ListPrivacyRequestsQuery(PrivacyRequestFilter.all(), first.next(), 2));
            PrivacyRequestPage last = service.list(new ListPrivacyRequestsQuery(PrivacyRequestFilter.all(), second.next(), 2));

            List<UUID> all = new ArrayList<>();
            for (PrivacyRequestPage page : List.of(first, second, last)) {
                page.items().forEach(request -> all.add(request.id()));
            }
            assertThat(all).hasSize(5).doesNotHaveDuplicates();
            assertThat(all.stream().map(id -> service.get(id).dueAt()).toList()).isSorted();
            assertThat(last.next()).isEmpty();
            assertThat(first.next()).isPresent();
        }

        @Test
        void filtersByStatusTypeUserOverdueAndDueDate() {
            PrivacyRequest old = service.file(new FilePrivacyRequestCommand(PrivacyRequestType.ERASURE, ottilie.id(),
                    Optional.of(START.minus(Duration.ofDays(40))), Optional.empty()));
            PrivacyRequest fresh = file(PrivacyRequestType.ACCESS);
            PrivacyRequest refused = service.refuse(file(PrivacyRequestType.OBJECTION).id(), REASON);

            assertThat(ids(new PrivacyRequestFilter(Set.of(), Set.of(), Optional.empty(), Optional.of(clock.instant()), Optional.empty())))
                    .containsExactly(old.id());
            assertThat(ids(new PrivacyRequestFilter(Set.of(PrivacyRequestStatus.REFUSED), Set.of(), Optional.empty(), Optional.empty(),
                    Optional.empty()))).containsExactly(refused.id());
            assertThat(ids(new PrivacyRequestFilter(Set.of(), Set.of(PrivacyRequestType.ACCESS, PrivacyRequestType.ERASURE),
                    Optional.empty(), Optional.empty(), Optional.empty()))).containsExactlyInAnyOrder(old.id(), fresh.id());
            assertThat(ids(new PrivacyRequestFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty(),
                    Optional.of(START)))).containsExactly(old.id());
            assertThat(ids(PrivacyRequestFilter.of(new UserId(UUID.randomUUID())))).isEmpty();
            assertThat(ids(PrivacyRequestFilter.of(ottilie.id()))).hasSize(3);
        }

        @Test
        void countsOpenAndOverdueRequestsByType() {
            service.file(new FilePrivacyRequestCommand(PrivacyRequestType.ERASURE, ottilie.id(),
                    Optional.of(START.minus(Duration.ofDays(40))), Optional.empty()));
            file(PrivacyRequestType.ERASURE);
            service.refuse(file(PrivacyRequestType.ACCESS).id(), REASON);

            PrivacyRequestCounts counts = service.count();

            assertThat(counts.open()).containsEntry(PrivacyRequestType.ERASURE, 2L).containsEntry(PrivacyRequestType.ACCESS, 0L)
                    .hasSize(PrivacyRequestType.values().length);
            assertThat(counts.overdue()).containsEntry(PrivacyRequestType.ERASURE, 1L).containsEntry(PrivacyRequestType.ACCESS, 0L);
        }

        private List<UUID> ids(PrivacyRequestFilter filter) {
            return page(filter, 100).items().stream().map(PrivacyRequest::id).toList();
        }
    }

    @Nested
    class Restriction {
        @Test
        void liftingAuditsAndPublishesOnlyWhenTheUserWasRestricted() {
            restrictions.liftRestriction(ottilie.id());
            assertThat(audited(AuditAction.USER_RESTRICTION_LIFTED)).isEmpty();

            service.complete(file(PrivacyRequestType.RESTRICTION).id(), Optional.empty());
            restrictions.liftRestriction(ottilie.id());

            assertThat(stored(ottilie.id()).isRestricted()).isFalse();
            assertThat(audited(AuditAction.USER_RESTRICTION_LIFTED)).hasSize(1);
            assertThat(published(ChangeType.USER_RESTRICTION_LIFTED)).hasSize(1);
        }
    }

    @Test
    void noAuditOrChangeEventHoldsTheTextsPeopleWroteOrTheUsersData() {
        PrivacyRequest access = file(PrivacyRequestType.ACCESS);
        service.extend(access.id(), REASON, 1);
        service.complete(access.id(), Optional.of(DONE));
        service.download(access.id(), Optional.empty());
        service.refuse(file(PrivacyRequestType.OBJECTION).id(), REASON);
        service.complete(file(PrivacyRequestType.RECTIFICATION).id(), Optional.of(DONE));
        service.complete(file(PrivacyRequestType.RESTRICTION).id(), Optional.of(DONE));
        restrictions.liftRestriction(ottilie.id());
        service.fileOwn(ottilie.id(), PrivacyRequestType.ERASURE, Optional.of(NOTE));
        transactions.inTransaction(() -> holds.put(new LegalHold(ottilie.id(), "hold " + REASON, START, Optional.empty())));
        PrivacyRequest erasure = file(PrivacyRequestType.ERASURE);
        assertThatThrownBy(() -> service.complete(erasure.id(), Optional.of(DONE))).isInstanceOf(LegalHoldException.class);

        assertThat(auditLog.events()).hasSizeGreaterThan(10);
        for (StoredAuditEvent event : auditLog.events()) {
            AuditAssertions.assertHoldsNone(event, NOTE, REASON, DONE, EMAIL, "Ottilie", "Quandt");
        }
        assertThat(changeLog.events()).hasSizeGreaterThan(8);
        for (StoredChangeEvent event : changeLog.events()) {
            assertThat(event.toString()).doesNotContain(NOTE, REASON, DONE, EMAIL, "Ottilie", "Quandt");
        }
    }

    private PrivacyRequestPage page(PrivacyRequestFilter filter, int limit) {
        return service.list(new ListPrivacyRequestsQuery(filter, Optional.empty(), limit));
    }

    record Closed(PrivacyRequestType type, PrivacyRequestStatus outcome, Duration sinceReceived) {
    }

    static final class RecordingMetrics implements PrivacyMetrics {
        final List<Closed> closed = new ArrayList<>();

        @Override
        public void closed(PrivacyRequestType type, PrivacyRequestStatus outcome, Duration sinceReceived) {
            closed.add(new Closed(type, outcome, sinceReceived));
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

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
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.in.privacy.LedgerReplayReport;
import dev.roster.application.port.out.erasure.LegalHold;
import dev.roster.application.port.out.privacy.ErasureLedgerUnavailableException;
import dev.roster.application.port.out.privacy.LedgerEntry;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.erasure.ErasureService;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The erasure ledger over in-memory fakes: the recorder that keeps it up to date with the database (the feed's
 * erasure events and, when starting or when the feed changed under it, the stored receipts), and the replay that
 * erases again whoever a restored backup brought back. A "restore" puts the whole in-memory store back as it was
 * ({@link InMemoryUserStore#backup()}); the ledger, like the file, is not part of it.
 */
class ErasureLedgerServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryUserStore store;
    private InMemoryUserRepository users;
    private InMemoryTransactionBoundary transactions;
    private InMemoryAuditLog auditLog;
    private InMemoryChangeEventLog changeLog;
    private InMemoryErasureReceiptRepository receipts;
    private InMemoryLegalHoldRepository holds;
    private InMemoryFileRepository files;
    private InMemoryErasureLedger ledger;
    private InMemoryEventSequencer sequencer;
    private FixedActor actor;
    private Clock clock;
    private ErasureLedgerRecorder recorder;
    private ErasureService erasure;
    private ErasureLedgerService replay;
    private int usersAdded;

    @BeforeEach
    void wire() {
        store = new InMemoryUserStore();
        users = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        changeLog = new InMemoryChangeEventLog(store);
        receipts = new InMemoryErasureReceiptRepository(store);
        holds = new InMemoryLegalHoldRepository(store);
        files = new InMemoryFileRepository(store);
        ledger = new InMemoryErasureLedger();
        sequencer = new InMemoryEventSequencer(changeLog);
        actor = new FixedActor();
        clock = Clock.fixed(NOW, ZoneOffset.UTC);
        recorder = newRecorder();
        erasure = erasureRecordingWith(recorder);
        replay = new ErasureLedgerService(ledger, erasure, recorder);
    }

    /** What a restarted instance builds: a recorder that knows nothing yet, over the same ledger and database. */
    private ErasureLedgerRecorder newRecorder() {
        return new ErasureLedgerRecorder(ledger, changeLog, sequencer, receipts, transactions);
    }

    private ErasureService erasureRecordingWith(ErasureLedgerRecorder ledgerRecorder) {
        return new ErasureService(users, files, new InMemoryPrivacyRequests(store), receipts, holds, FakeRateLimiter.unlimited(), transactions, clock,
                new Auditor(auditLog, changeLog, actor, clock), ledgerRecorder);
    }

    @Nested
    class Recording {
        @Test
        void everyErasurePathIsRecordedOnceWithItsUserTimeAndReceipt() {
            User requested = addUser();
            User expired = addUser(Users.anActiveUser().deleted());

            ErasureReceipt byRequest = erasure.anonymize(requested.id());
            erasure.eraseExpiredBatch(Duration.ofDays(30), 10);
            recorder.catchUp();
            recorder.catchUp();

            UUID byRetention = receipts.findByUser(expired.id()).orElseThrow().id();
            assertThat(ledger.entries()).containsExactly(new LedgerEntry(requested.id(), NOW, byRequest.id()),
                    new LedgerEntry(expired.id(), NOW, byRetention));
        }

        @Test
        void anErasureCommittedJustBeforeACrashIsRecordedWhenTheServiceIsBack() {
            User zelda = addUser();
            ledger.failFromNowOn(true); // the process dies between the commit and the append
            ErasureReceipt receipt = erasure.anonymize(zelda.id());
            ledger.failFromNowOn(false);

            ErasureLedgerRecorder restarted = newRecorder();
            int written = restarted.catchUp();

            assertThat(written).isEqualTo(1);
            assertThat(ledger.entries()).containsExactly(new LedgerEntry(zelda.id(), NOW, receipt.id()));
        }

        @Test
        void erasuresFromBeforeTheLedgerExistedAreRecordedAtTheFirstStart() {
            List<User> erased = List.of(addUser(), addUser(), addUser());
            ErasureService withoutLedger = erasureRecordingWith(newRecorder());
            ledger.failFromNowOn(true);
            erased.forEach(user -> withoutLedger.anonymize(user.id()));
            ledger.failFromNowOn(false);

            newRecorder().catchUp();

            assertThat(ledger.entries()).extracting(LedgerEntry::userId)
                    .containsExactlyInAnyOrderElementsOf(erased.stream().map(User::id).toList());
        }

        @Test
        void erasuresAnotherInstanceCommitsAreFollowedFromTheFeed() {
            recorder.catchUp();
            ErasureLedgerRecorder otherInstance = newRecorder();
            ErasureService otherErasure = erasureRecordingWith(otherInstance);
            User zelda = addUser();
            ledger.failFromNowOn(true); // the other instance's own append fails: only the feed tells
            ErasureReceipt receipt = otherErasure.anonymize(zelda.id());
            ledger.failFromNowOn(false);

            assertThat(recorder.catchUp()).isEqualTo(1);

            assertThat(ledger.entries()).containsExactly(new LedgerEntry(zelda.id(), NOW, receipt.id()));
            assertThat(recorder.position()).isEqualTo(changeLog.lastPosition());
        }

        @Test
        void aDatabaseRestoredUnderTheRunningInstanceIsNoticedAndItsNewErasuresRecorded() {
            User early = addUser();
            recorder.catchUp();
            Runnable restore = store.backup();
            for (int i = 0; i < 10; i++) {
                addUser(); // the feed moves on...
            }
            erasure.anonymize(early.id()); // ...and the cursor with it
            restore.run(); // the feed is back where the backup left it, far below the cursor

            User late = addUser();
            ledger.failFromNowOn(true); // erased through another instance whose append fails: this one is not told
            ErasureReceipt lateReceipt = erasureRecordingWith(newRecorder()).anonymize(late.id()); // below the cursor
            ledger.failFromNowOn(false);
            for (int i = 0; i < 20; i++) {
                addUser(); // and the feed's end beyond the old cursor again
            }
            recorder.catchUp();

            assertThat(ledger.entries()).extracting(LedgerEntry::receiptId).contains(lateReceipt.id());
            assertThat(ledger.entries()).hasSize(2);
        }

        @Test
        void erasuresTheFeedsRetentionRemovedBeforeTheyWereRecordedAreTakenFromTheReceipts() {
            recorder.catchUp();
            User zelda = addUser();
            ledger.failFromNowOn(true); // the ledger cannot be written for longer than the feed keeps events
            ErasureReceipt receipt = erasure.anonymize(zelda.id());
            assertThat(recorder.recordCommitted()).isFalse();
            transactions.inTransaction(() -> changeLog.pruneBefore(NOW.plusSeconds(1), 1_000));
            addUser(); // the feed goes on
            ledger.failFromNowOn(false);

            recorder.catchUp();

            assertThat(ledger.entries()).extracting(LedgerEntry::receiptId).containsExactly(receipt.id());
        }

        @Test
        void aFailingLedgerMakesRecordCommittedSayNoAndLosesNothing() {
            User zelda = addUser();
            ledger.failFromNowOn(true);
            ErasureReceipt receipt = erasure.anonymize(zelda.id());

            assertThat(recorder.recordCommitted()).isFalse();

            ledger.failFromNowOn(false);
            assertThat(recorder.recordCommitted()).isTrue();
            assertThat(ledger.entries()).extracting(LedgerEntry::receiptId).containsExactly(receipt.id());
        }

        @Test
        void recordCommittedAsksTheSequencerToPlaceWhatWasCommitted() {
            int before = sequencer.linkCalls();

            recorder.recordCommitted();

            assertThat(sequencer.linkCalls()).isEqualTo(before + 1);
        }

        @Test
        void walksMoreReceiptsAndEventsThanOnePage() {
            int count = ErasureLedgerRecorder.PAGE + 7;
            ErasureService withoutLedger = erasureRecordingWith(newRecorder());
            ledger.failFromNowOn(true);
            for (int i = 0; i < count; i++) {
                withoutLedger.anonymize(addUser().id());
            }
            ledger.failFromNowOn(false);
            newRecorder().catchUp(); // from the receipts

            ErasureLedgerRecorder following = newRecorder();
            following.catchUp();
            ledger.failFromNowOn(true);
            for (int i = 0; i < count; i++) {
                withoutLedger.anonymize(addUser().id());
            }
            ledger.failFromNowOn(false);
            following.catchUp(); // from the feed

            assertThat(ledger.entries()).hasSize(2 * count).doesNotHaveDuplicates();
        }
    }

    @Nested
    class Replay {
        @Test
        void erasesAgainWhomARestoredBackupBroughtBackWithANewReceiptThatIsInTheLedger() {
            User zelda = addUser();
            Runnable restore = store.backup();
            ErasureReceipt first = erasure.anonymize(zelda.id());
            restore.run();
            assertThat(users.findById(zelda.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);

            LedgerReplayReport report = replay.replay();

            assertThat(report).isEqualTo(new LedgerReplayReport(1, 0, 1, 0, 1, 0, 0));
            User after = users.findById(zelda.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(UserStatus.ANONYMIZED);
            UUID second = after.erasureReceiptId().orElseThrow();
            assertThat(second).isNotEqualTo(first.id());
            assertThat(ledger.entries()).extracting(LedgerEntry::receiptId).containsExactly(first.id(), second);
            StoredAuditEvent last = auditLog.events().get(auditLog.events().size() - 1);
            assertThat(last.event().action()).isEqualTo(AuditAction.USER_ERASURE_REPLAYED);
        }

        @Test
        void countsTheAlreadyErasedTheReErasedAndTheAbsentAndCreatesNoOne() {
            User stillErased = addUser();
            User restored = addUser();
            User purgedLater = addUser();
            erasure.anonymize(stillErased.id());
            Runnable restore = store.backup();
            erasure.anonymize(restored.id());
            erasure.anonymize(purgedLater.id());
            restore.run();
            transactions.inTransaction(() -> users.delete(purgedLater.id())); // gone from this database altogether
            ledger.append(List.of(new LedgerEntry(new UserId(UUID.randomUUID()), NOW, UUID.randomUUID()))); // never here

            LedgerReplayReport report = replay.replay();

            assertThat(report).isEqualTo(new LedgerReplayReport(4, 0, 4, 1, 1, 2, 0));
            assertThat(store.size()).isEqualTo(2);
        }

        @Test
        void isIdempotent() {
            User zelda = addUser();
            Runnable restore = store.backup();
            erasure.anonymize(zelda.id());
            restore.run();
            replay.replay();
            int events = auditLog.events().size();

            LedgerReplayReport second = replay.replay();

            assertThat(second).isEqualTo(new LedgerReplayReport(2, 0, 1, 1, 0, 0, 0));
            assertThat(auditLog.events()).hasSize(events);
            assertThat(ledger.entries()).hasSize(2);
        }

        @Test
        void skipsDamagedLinesCountsThemAndReplaysTheRest() {
            User zelda = addUser();
            Runnable restore = store.backup();
            erasure.anonymize(zelda.id());
            restore.run();
            ledger.addDamagedLine();

            LedgerReplayReport report = replay.replay();

            assertThat(report.skippedLines()).isEqualTo(1);
            assertThat(report.reErased()).isEqualTo(1);
        }

        @Test
        void liftsTheLegalHoldOfAUserItErasesAgainAndCountsIt() {
            User zelda = addUser();
            Runnable restore = store.backup();
            erasure.anonymize(zelda.id());
            restore.run();
            transactions.inTransaction(() -> holds.put(new LegalHold(zelda.id(), "litigation", NOW, Optional.empty())));

            LedgerReplayReport report = replay.replay();

            assertThat(report.reErased()).isEqualTo(1);
            assertThat(report.legalHoldsLifted()).isEqualTo(1);
            assertThat(holds.find(zelda.id())).isEmpty();
        }

        @Test
        void aLedgerThatCannotBeReadFailsTheReplayAndChangesNothing() {
            User zelda = addUser();
            Runnable restore = store.backup();
            erasure.anonymize(zelda.id());
            restore.run();
            long modifications = store.modifications();
            ledger.failFromNowOn(true);

            assertThatThrownBy(() -> replay.replay()).isInstanceOf(ErasureLedgerUnavailableException.class);

            assertThat(store.modifications()).isEqualTo(modifications);
        }

        @Test
        void anEmptyLedgerReplaysNothing() {
            addUser();

            assertThat(replay.replay()).isEqualTo(new LedgerReplayReport(0, 0, 0, 0, 0, 0, 0));
        }
    }

    private User addUser() {
        return addUser(Users.anActiveUser());
    }

    private User addUser(Users.Builder builder) {
        int n = ++usersAdded;
        User user = builder.withId(new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n))))
                .withEmail("person-" + n + "@example.org").build();
        transactions.inTransaction(() -> users.add(user));
        return user;
    }
}

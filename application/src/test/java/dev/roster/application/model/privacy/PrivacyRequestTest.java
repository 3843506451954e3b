package dev.roster.application.model.privacy;

import dev.roster.domain.user.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of a privacy request: due dates, the one extension, and the state machine (SPEC §8). */
class PrivacyRequestTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final UUID ID = UUID.fromString("019b76da-a800-7000-8000-0000000000e1");
    private static final UserId USER = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000001"));
    private static final Optional<UserId> STAFF = Optional.of(new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ad")));
    private static final Instant RECEIVED = Instant.parse("2025-01-31T10:00:00Z");
    private static final Instant DUE = Instant.parse("2025-02-28T10:00:00Z");
    private static final Instant SOON = RECEIVED.plus(Duration.ofDays(3));
    private static final UUID RECEIPT = UUID.fromString("019b76da-a800-7000-8000-0000000000cc");

    private static PrivacyRequest request(PrivacyRequestType type) {
        return PrivacyRequest.received(ID, type, USER, RECEIVED, Optional.of("asked by letter"), UTC, RECEIVED.plusSeconds(60), STAFF);
    }

    @Nested
    class Receiving {
        @Test
        void isDueOneCalendarMonthAfterItWasReceived() {
            PrivacyRequest request = request(PrivacyRequestType.ACCESS);

            assertThat(request.status()).isEqualTo(PrivacyRequestStatus.RECEIVED);
            assertThat(request.receivedAt()).isEqualTo(RECEIVED);
            assertThat(request.dueAt()).isEqualTo(DUE);
            assertThat(request.note()).contains("asked by letter");
            assertThat(request.extension()).isEmpty();
            assertThat(request.outcome()).isEmpty();
            assertThat(request.history()).containsExactly(new PrivacyRequest.Step(StepAction.RECEIVED, RECEIVED.plusSeconds(60), STAFF, Optional.empty()));
        }

        @Test
        void isDueInTheCalendarOfTheConfiguredZone() {
            Instant lateEvening = Instant.parse("2025-01-30T12:00:00Z"); // 31 January 01:00 in Auckland

            PrivacyRequest request = PrivacyRequest.received(ID, PrivacyRequestType.ERASURE, USER, lateEvening, Optional.empty(),
                    ZoneId.of("Pacific/Auckland"), SOON, STAFF);

            assertThat(request.dueAt()).isEqualTo(Instant.parse("2025-02-27T12:00:00Z"));
        }

        @Test
        void inALeapYearThe31stOfJanuaryIsDueOnThe29thOfFebruary() {
            PrivacyRequest request = PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, Instant.parse("2024-01-31T23:00:00Z"),
                    Optional.empty(), UTC, Instant.parse("2024-02-01T00:00:00Z"), STAFF);

            assertThat(request.dueAt()).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
        }

        @Test
        void keepsMicrosecondsOfTheReceivedTimeAsTheDatabasesDo() {
            PrivacyRequest request = PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER,
                    Instant.parse("2025-01-31T10:00:00.123456789Z"), Optional.empty(), UTC, SOON, STAFF);

            assertThat(request.receivedAt()).isEqualTo(Instant.parse("2025-01-31T10:00:00.123456Z"));
            assertThat(request.dueAt()).isEqualTo(Instant.parse("2025-02-28T10:00:00.123456Z"));
        }

        @Test
        void refusesAReceivedTimeInTheFuture() {
            assertThatThrownBy(() -> PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, SOON.plusMillis(1),
                    Optional.empty(), UTC, SOON, STAFF))
                    .isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("receivedAt"));
        }

        @Test
        void aBlankNoteIsNoNoteAndANoteIsTrimmed() {
            assertThat(PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, RECEIVED, Optional.of(" \n "), UTC, SOON, STAFF).note()).isEmpty();
            assertThat(PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, RECEIVED, Optional.of("  by phone\n"), UTC, SOON, STAFF).note())
                    .contains("by phone");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "a\u0085b", "a\u001bb", "\ud800"})
        void refusesANoteThatCannotBeStored(String note) {
            assertThatThrownBy(() -> PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, RECEIVED, Optional.of(note), UTC, SOON, STAFF))
                    .isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("note"));
        }

        @Test
        void aNoteMayRunOverSeveralLinesUpToTwoThousandCharacters() {
            String longest = "line one\n\tline two\r\n" + "x".repeat(PrivacyRequest.MAX_NOTE_LENGTH - 20);

            assertThat(PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, RECEIVED, Optional.of(longest), UTC, SOON, STAFF).note())
                    .contains(longest);
            assertThatThrownBy(() -> PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, RECEIVED, Optional.of(longest + "x"), UTC,
                    SOON, STAFF)).isInstanceOf(InvalidPrivacyRequestException.class);
        }
    }

    @Nested
    class Extending {
        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void movesTheDueDateToReceivedPlusOnePlusTheMonths(int months) {
            PrivacyRequest extended = request(PrivacyRequestType.ACCESS).extended("  complex request ", months, UTC, SOON, STAFF);

            assertThat(extended.status()).isEqualTo(PrivacyRequestStatus.EXTENDED);
            assertThat(extended.dueAt()).isEqualTo(months == 1 ? Instant.parse("2025-03-31T10:00:00Z") : Instant.parse("2025-04-30T10:00:00Z"));
            assertThat(extended.extension()).contains(new PrivacyRequest.Extension("complex request", months, SOON, STAFF));
            assertThat(extended.history()).last().isEqualTo(new PrivacyRequest.Step(StepAction.EXTENDED, SOON, STAFF, Optional.of("months=" + months)));
            assertThat(extended.receivedAt()).isEqualTo(RECEIVED);
        }

        @Test
        void countsFromTheReceivedDateInALeapYear() {
            PrivacyRequest request = PrivacyRequest.received(ID, PrivacyRequestType.ACCESS, USER, Instant.parse("2023-11-30T09:00:00Z"),
                    Optional.empty(), UTC, Instant.parse("2023-12-01T00:00:00Z"), STAFF);

            PrivacyRequest extended = request.extended("volume", 2, UTC, Instant.parse("2023-12-20T00:00:00Z"), STAFF);

            assertThat(request.dueAt()).isEqualTo(Instant.parse("2023-12-30T09:00:00Z"));
            assertThat(extended.dueAt()).isEqualTo(Instant.parse("2024-02-29T09:00:00Z"));
        }

        @Test
        void isAllowedOnlyOnce() {
            PrivacyRequest extended = request(PrivacyRequestType.ACCESS).extended("complex", 1, UTC, SOON, STAFF);

            assertThatThrownBy(() -> extended.extended("still complex", 1, UTC, SOON.plusSeconds(1), STAFF))
                    .isInstanceOf(PrivacyRequestStateException.class).hasMessageContaining("only once");
        }

        @Test
        void isAllowedUntilJustBeforeTheOriginalDueDateAndNotAtIt() {
            PrivacyRequest request = request(PrivacyRequestType.ACCESS);

            assertThat(request.extended("late but in time", 2, UTC, DUE.minusNanos(1000), STAFF).status()).isEqualTo(PrivacyRequestStatus.EXTENDED);
            assertThatThrownBy(() -> request.extended("too late", 2, UTC, DUE, STAFF))
                    .isInstanceOf(PrivacyRequestStateException.class).hasMessageContaining("has passed");
            assertThatThrownBy(() -> request.extended("too late", 2, UTC, DUE.plus(Duration.ofDays(1)), STAFF))
                    .isInstanceOf(PrivacyRequestStateException.class);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 3, -1, 12})
        void takesOneOrTwoMonths(int months) {
            assertThatThrownBy(() -> request(PrivacyRequestType.ACCESS).extended("reason", months, UTC, SOON, STAFF))
                    .isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("months"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\t"})
        void needsAReason(String reason) {
            assertThatThrownBy(() -> request(PrivacyRequestType.ACCESS).extended(reason, 1, UTC, SOON, STAFF))
                    .isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("reason"));
            assertThatThrownBy(() -> request(PrivacyRequestType.ACCESS).extended(null, 1, UTC, SOON, STAFF))
                    .isInstanceOf(InvalidPrivacyRequestException.class);
        }

        @Test
        void anInProgressRequestStaysInProgress() {
            PrivacyRequest waiting = request(PrivacyRequestType.ERASURE).awaitingConfirmations(RECEIPT, Optional.empty(), SOON, STAFF);

            PrivacyRequest extended = waiting.extended("recipients are slow", 1, UTC, SOON.plusSeconds(1), STAFF);

            assertThat(extended.status()).isEqualTo(PrivacyRequestStatus.IN_PROGRESS);
            assertThat(extended.dueAt()).isEqualTo(Instant.parse("2025-03-31T10:00:00Z"));
        }
    }

    @Nested
    class Completing {
        @ParameterizedTest
        @EnumSource(value = PrivacyRequestType.class, names = {"ACCESS", "PORTABILITY"})
        void anAccessOrPortabilityRequestWithItsPackage(PrivacyRequestType type) {
            Instant generated = SOON.minusSeconds(1);

            PrivacyRequest done = request(type).completedWithPackage(generated, 1234, Optional.of("sent by mail"), SOON, STAFF);

            assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            assertThat(done.outcome()).contains(new PrivacyRequest.Outcome(Optional.of(SOON), STAFF, Optional.of("sent by mail"),
                    Optional.empty(), Optional.empty(), Optional.of(generated), 1234, false));
            assertThat(done.history()).extracting(PrivacyRequest.Step::action).containsExactly(StepAction.RECEIVED, StepAction.COMPLETED);
        }

        @Test
        void anErasureRequestWithItsReceipt() {
            PrivacyRequest done = request(PrivacyRequestType.ERASURE).completedErasure(RECEIPT, Optional.empty(), SOON, STAFF);

            assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            assertThat(done.outcome().flatMap(PrivacyRequest.Outcome::receiptId)).contains(RECEIPT);
            assertThat(done.history()).last().isEqualTo(new PrivacyRequest.Step(StepAction.COMPLETED, SOON, STAFF, Optional.of("receipt=" + RECEIPT)));
        }

        @Test
        void aRestrictionRequestRecordsThatTheUserWasRestricted() {
            PrivacyRequest done = request(PrivacyRequestType.RESTRICTION).completedRestriction(Optional.empty(), SOON, STAFF);

            assertThat(done.outcome()).hasValueSatisfying(outcome -> assertThat(outcome.userRestricted()).isTrue());
        }

        @ParameterizedTest
        @EnumSource(value = PrivacyRequestType.class, names = {"RECTIFICATION", "OBJECTION"})
        void aRectificationOrObjectionNeedsTheNoteOfWhatWasDone(PrivacyRequestType type) {
            assertThatThrownBy(() -> request(type).completedWithNote(" ", SOON, STAFF))
                    .isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("note"));

            PrivacyRequest done = request(type).completedWithNote("phone number corrected", SOON, STAFF);

            assertThat(done.outcome().flatMap(PrivacyRequest.Outcome::note)).contains("phone number corrected");
        }

        @Test
        void anExtendedRequestCanBeCompletedAfterItsOriginalDueDate() {
            PrivacyRequest extended = request(PrivacyRequestType.OBJECTION).extended("complex", 2, UTC, SOON, STAFF);

            PrivacyRequest done = extended.completedWithNote("processing stopped", DUE.plus(Duration.ofDays(30)), STAFF);

            assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            assertThat(done.extension()).isPresent();
        }
    }

    @Nested
    class InProgress {
        @Test
        void anErasureWaitsForConfirmationsWithItsReceiptAndNote() {
            PrivacyRequest waiting = request(PrivacyRequestType.ERASURE).awaitingConfirmations(RECEIPT, Optional.of("erased here"), SOON, STAFF);

            assertThat(waiting.status()).isEqualTo(PrivacyRequestStatus.IN_PROGRESS);
            assertThat(waiting.isOpen()).isTrue();
            assertThat(waiting.outcome()).hasValueSatisfying(outcome -> {
                assertThat(outcome.closedAt()).isEmpty();
                assertThat(outcome.receiptId()).contains(RECEIPT);
            });
        }

        @Test
        void isCompletedByTheReceiptItWaitsForKeepingItsNote() {
            PrivacyRequest waiting = request(PrivacyRequestType.ERASURE).awaitingConfirmations(RECEIPT, Optional.of("erased here"), SOON, STAFF);

            assertThatThrownBy(() -> waiting.completedErasure(UUID.randomUUID(), Optional.empty(), SOON, STAFF))
                    .isInstanceOf(PrivacyRequestStateException.class);
            PrivacyRequest done = waiting.completedErasure(RECEIPT, Optional.empty(), SOON.plusSeconds(5), Optional.empty());

            assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            assertThat(done.outcome()).hasValueSatisfying(outcome -> {
                assertThat(outcome.closedAt()).contains(SOON.plusSeconds(5));
                assertThat(outcome.note()).contains("erased here");
                assertThat(outcome.receiptId()).contains(RECEIPT);
            });
            assertThat(done.history()).extracting(PrivacyRequest.Step::action)
                    .containsExactly(StepAction.RECEIVED, StepAction.IN_PROGRESS, StepAction.COMPLETED);
        }

        @Test
        void cannotBeRefusedItsErasureIsDone() {
            PrivacyRequest waiting = request(PrivacyRequestType.ERASURE).awaitingConfirmations(RECEIPT, Optional.empty(), SOON, STAFF);

            assertThatThrownBy(() -> waiting.refused("changed our mind", SOON, STAFF)).isInstanceOf(PrivacyRequestStateException.class);
            assertThatThrownBy(() -> waiting.awaitingConfirmations(RECEIPT, Optional.empty(), SOON, STAFF)).isInstanceOf(PrivacyRequestStateException.class);
        }
    }

    @Nested
    class ClosedRequestsAreImmutable {
        /** Every step a request offers. */
        enum Step {
            EXTEND(r -> r.extended("reason", 1, UTC, SOON, STAFF)),
            COMPLETE_WITH_NOTE(r -> r.completedWithNote("done", SOON, STAFF)),
            COMPLETE_ERASURE(r -> r.completedErasure(RECEIPT, Optional.empty(), SOON, STAFF)),
            AWAIT_CONFIRMATIONS(r -> r.awaitingConfirmations(RECEIPT, Optional.empty(), SOON, STAFF)),
            BLOCK_ERASURE(r -> r.erasureBlocked("legal-hold", SOON, STAFF)),
            REFUSE(r -> r.refused("reason", SOON, STAFF));

            private final UnaryOperator<PrivacyRequest> step;

            Step(UnaryOperator<PrivacyRequest> step) {
                this.step = step;
            }
        }

        @ParameterizedTest
        @EnumSource(Step.class)
        void aCompletedRequestRefusesEveryStep(Step step) {
            PrivacyRequest completed = request(PrivacyRequestType.ERASURE).completedErasure(RECEIPT, Optional.empty(), SOON, STAFF);
            PrivacyRequest asNote = completed.type() == PrivacyRequestType.ERASURE && step == Step.COMPLETE_WITH_NOTE
                    ? request(PrivacyRequestType.OBJECTION).completedWithNote("done", SOON, STAFF) : completed;

            assertThatThrownBy(() -> step.step.apply(asNote)).isInstanceOf(PrivacyRequestStateException.class)
                    .hasMessageContaining("COMPLETED");
        }

        @ParameterizedTest
        @EnumSource(Step.class)
        void aRefusedRequestRefusesEveryStep(Step step) {
            PrivacyRequestType type = step == Step.COMPLETE_WITH_NOTE ? PrivacyRequestType.OBJECTION : PrivacyRequestType.ERASURE;
            PrivacyRequest refused = request(type).refused("manifestly unfounded", SOON, STAFF);

            assertThatThrownBy(() -> step.step.apply(refused)).isInstanceOf(PrivacyRequestStateException.class)
                    .hasMessageContaining("REFUSED");
        }

        @Test
        void aRefusalKeepsItsReasonInTheOutcome() {
            PrivacyRequest refused = request(PrivacyRequestType.ACCESS).refused("  identity not proven ", SOON, STAFF);

            assertThat(refused.status()).isEqualTo(PrivacyRequestStatus.REFUSED);
            assertThat(refused.outcome()).hasValueSatisfying(outcome -> {
                assertThat(outcome.refusalReason()).contains("identity not proven");
                assertThat(outcome.closedAt()).contains(SOON);
                assertThat(outcome.closedBy()).isEqualTo(STAFF);
            });
            assertThatThrownBy(() -> request(PrivacyRequestType.ACCESS).refused(" ", SOON, STAFF))
                    .isInstanceOfSatisfying(InvalidPrivacyRequestException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        }
    }

    @Nested
    class Overdue {
        @Test
        void anOpenRequestIsOverdueOnceItsDueDateHasPassed() {
            PrivacyRequest request = request(PrivacyRequestType.ACCESS);

            assertThat(request.isOverdue(DUE)).isFalse();
            assertThat(request.isOverdue(DUE.plusNanos(1000))).isTrue();
        }

        @Test
        void aClosedRequestIsNeverOverdue() {
            PrivacyRequest refused = request(PrivacyRequestType.ACCESS).refused("no", SOON, STAFF);

            assertThat(refused.isOverdue(DUE.plus(Duration.ofDays(400)))).isFalse();
        }

        @Test
        void anErasureBlockedByALegalHoldStaysOpenAndKeepsItsDueDate() {
            PrivacyRequest blocked = request(PrivacyRequestType.ERASURE).erasureBlocked("legal-hold", SOON, STAFF);

            assertThat(blocked.status()).isEqualTo(PrivacyRequestStatus.RECEIVED);
            assertThat(blocked.dueAt()).isEqualTo(DUE);
            assertThat(blocked.history()).last().isEqualTo(new PrivacyRequest.Step(StepAction.ERASURE_BLOCKED, SOON, STAFF, Optional.of("legal-hold")));
            assertThat(blocked.isOverdue(DUE.plusSeconds(1))).isTrue();
        }
    }
}

package dev.roster.application.model.privacy;

import dev.roster.domain.user.StoredText;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's request under the GDPR (SPEC §8) and its rules: received with a due date one calendar month later
 * ({@link CalendarMonths}), extended once by one or two months before that date, fulfilled (completed) or refused;
 * completed and refused requests never change again. Each transition returns a new request with one more
 * {@linkplain Step step} in its history. Free text (the note filed with it, the extension's and the refusal's reasons,
 * the note of what was done) is kept here and nowhere else: never in audit details or change events.
 */
public record PrivacyRequest(UUID id, PrivacyRequestType type, UserId userId, Instant receivedAt, Instant dueAt,
                             PrivacyRequestStatus status, Optional<String> note, Optional<Extension> extension,
                             Optional<Outcome> outcome, List<Step> history) {
    public static final int MAX_NOTE_LENGTH = 2000;
    public static final int MAX_REASON_LENGTH = 1000;
    /** The deadline without extension, in calendar months (Art. 12(3)). */
    public static final int MONTHS_TO_ANSWER = 1;
    /** The most an extension may add (Art. 12(3): "by two further months"). */
    public static final int MAX_EXTENSION_MONTHS = 2;

    public PrivacyRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(outcome, "outcome");
        history = List.copyOf(history);
    }

    /** How the deadline was extended, by whom and why. */
    public record Extension(String reason, int months, Instant at, Optional<UserId> by) {
        public Extension {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }

        @Override
        public String toString() {
            return "Extension[months=" + months + ", at=" + at + "]";
        }
    }

    /**
     * What was done: when and by whom the request was closed (absent while IN_PROGRESS), the note of what was done or
     * the reason of a refusal, the erasure receipt (ERASURE), the data package attached (ACCESS, PORTABILITY: when it
     * was generated and its size in bytes) and whether the user was restricted (RESTRICTION).
     */
    public record Outcome(Optional<Instant> closedAt, Optional<UserId> closedBy, Optional<String> note,
                          Optional<String> refusalReason, Optional<UUID> receiptId, Optional<Instant> packageGeneratedAt,
                          long packageSize, boolean userRestricted) {
        public Outcome {
            Objects.requireNonNull(closedAt, "closedAt");
            Objects.requireNonNull(closedBy, "closedBy");
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(refusalReason, "refusalReason");
            Objects.requireNonNull(receiptId, "receiptId");
            Objects.requireNonNull(packageGeneratedAt, "packageGeneratedAt");
        }

        static Outcome closed(Instant at, Optional<UserId> by, Optional<String> note) {
            return new Outcome(Optional.of(at), by, note, Optional.empty(), Optional.empty(), Optional.empty(), 0, false);
        }

        Outcome withReceipt(UUID receipt) {
            return new Outcome(closedAt, closedBy, note, refusalReason, Optional.of(receipt), packageGeneratedAt, packageSize, userRestricted);
        }

        @Override
        public String toString() {
            return "Outcome[closedAt=" + closedAt + ", receiptId=" + receiptId + "]";
        }
    }

    /**
     * One step of the history: what, when, by whom (absent for the system), and a detail from a fixed vocabulary (e.g.
     * {@code months=2}, {@code legal-hold}); never free text.
     */
    public record Step(StepAction action, Instant at, Optional<UserId> actor, Optional<String> detail) {
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A new request, due one calendar month after {@code receivedAt} in {@code zone}.
     *
     * @throws InvalidPrivacyRequestException when {@code receivedAt} lies after {@code now} or the note is not storable
     */
    public static PrivacyRequest received(UUID id, PrivacyRequestType type, UserId userId, Instant receivedAt,
                                          Optional<String> note, ZoneId zone, Instant now, Optional<UserId> actor) {
        Instant received = receivedAt.truncatedTo(ChronoUnit.MICROS);
        if (received.isAfter(now)) {
            throw new InvalidPrivacyRequestException("receivedAt", "must not be in the future");
        }
        return new PrivacyRequest(id, type, userId, received, CalendarMonths.after(received, MONTHS_TO_ANSWER, zone),
                PrivacyRequestStatus.RECEIVED, optionalText("note", note, MAX_NOTE_LENGTH), Optional.empty(), Optional.empty(),
                List.of(new Step(StepAction.RECEIVED, now, actor, Optional.empty())));
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /** Open and past its due date at {@code now}. */
    public boolean isOverdue(Instant now) {
        return isOpen() && dueAt.isBefore(now);
    }

    /** The due date before any extension: one calendar month after {@code receivedAt}. */
    public Instant originalDueAt(ZoneId zone) {
        return CalendarMonths.after(receivedAt, MONTHS_TO_ANSWER, zone);
    }

    /**
     * Extends the deadline to {@code receivedAt} plus 1 + {@code months} calendar months: once, by 1 or 2 months, with
     * a reason, before the original due date has passed. An IN_PROGRESS request stays IN_PROGRESS; otherwise the
     * status becomes EXTENDED.
     */
    public PrivacyRequest extended(String reason, int months, ZoneId zone, Instant now, Optional<UserId> actor) {
        String why = requiredText("reason", reason, MAX_REASON_LENGTH);
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw new InvalidPrivacyRequestException("months", "must be 1 or 2");
        }
        requireOpen("extended");
        if (extension.isPresent()) {
            throw new PrivacyRequestStateException("The request was extended already; a deadline can be extended only once.");
        }
        Instant original = originalDueAt(zone);
        if (!now.isBefore(original)) {
            throw new PrivacyRequestStateException("The request's original due date (" + original
                    + ") has passed; an extension must be made before it.");
        }
        PrivacyRequestStatus next = status == PrivacyRequestStatus.IN_PROGRESS ? status : PrivacyRequestStatus.EXTENDED;
        return new PrivacyRequest(id, type, userId, receivedAt, CalendarMonths.after(receivedAt, MONTHS_TO_ANSWER + months, zone),
                next, note, Optional.of(new Extension(why, months, now, actor)), outcome,
                append(new Step(StepAction.EXTENDED, now, actor, Optional.of("months=" + months))));
    }

    /** Records that the erasure was refused because of a legal hold: the request stays open, as it was. */
    public PrivacyRequest erasureBlocked(String why, Instant now, Optional<UserId> actor) {
        requireType(PrivacyRequestType.ERASURE);
        requireOpen("changed");
        return new PrivacyRequest(id, type, userId, receivedAt, dueAt, status, note, extension, outcome,
                append(new Step(StepAction.ERASURE_BLOCKED, now, actor, Optional.of(why))));
    }

    /**
     * Roster's own erasure is done ({@code receiptId}) but downstream services have yet to confirm theirs: RECEIVED or
     * EXTENDED → IN_PROGRESS; {@link #completedErasure} closes it. The note of what was done is kept for then.
     */
    public PrivacyRequest awaitingConfirmations(UUID receiptId, Optional<String> doneNote, Instant now, Optional<UserId> actor) {
        requireType(PrivacyRequestType.ERASURE);
        requireOpen("changed");
        if (status == PrivacyRequestStatus.IN_PROGRESS) {
            throw new PrivacyRequestStateException("The request is IN_PROGRESS already.");
        }
        Outcome pending = new Outcome(Optional.empty(), Optional.empty(), optionalText("note", doneNote, MAX_NOTE_LENGTH),
                Optional.empty(), Optional.of(receiptId), Optional.empty(), 0, false);
        return new PrivacyRequest(id, type, userId, receivedAt, dueAt, PrivacyRequestStatus.IN_PROGRESS, note, extension,
                Optional.of(pending), append(new Step(StepAction.IN_PROGRESS, now, actor, Optional.of("receipt=" + receiptId))));
    }

    /**
     * An ERASURE request fulfilled by the erasure with this receipt. From IN_PROGRESS the receipt must be the one it
     * waited for, and the note recorded then is kept unless a new one is given.
     */
    public PrivacyRequest completedErasure(UUID receiptId, Optional<String> doneNote, Instant now, Optional<UserId> actor) {
        requireType(PrivacyRequestType.ERASURE);
        requireOpen("completed");
        Optional<String> text = optionalText("note", doneNote, MAX_NOTE_LENGTH);
        if (status == PrivacyRequestStatus.IN_PROGRESS) {
            UUID awaited = outcome.flatMap(Outcome::receiptId).orElseThrow();
            if (!awaited.equals(receiptId)) {
                throw new PrivacyRequestStateException("The request waits for the confirmations of another erasure receipt.");
            }
            text = text.or(() -> outcome.flatMap(Outcome::note));
        }
        return close(PrivacyRequestStatus.COMPLETED, Outcome.closed(now, actor, text).withReceipt(receiptId), now, actor,
                Optional.of("receipt=" + receiptId));
    }

    /** An ACCESS or PORTABILITY request fulfilled with the data package generated at {@code generatedAt}. */
    public PrivacyRequest completedWithPackage(Instant generatedAt, long sizeBytes, Optional<String> doneNote, Instant now,
                                               Optional<UserId> actor) {
        if (type != PrivacyRequestType.ACCESS && type != PrivacyRequestType.PORTABILITY) {
            throw new IllegalStateException("only access and portability requests are fulfilled with a data package");
        }
        requireOpen("completed");
        Outcome done = new Outcome(Optional.of(now), actor, optionalText("note", doneNote, MAX_NOTE_LENGTH), Optional.empty(),
                Optional.empty(), Optional.of(generatedAt), sizeBytes, false);
        return close(PrivacyRequestStatus.COMPLETED, done, now, actor, Optional.of("package"));
    }

    /** A RESTRICTION request fulfilled: the user is restricted. */
    public PrivacyRequest completedRestriction(Optional<String> doneNote, Instant now, Optional<UserId> actor) {
        requireType(PrivacyRequestType.RESTRICTION);
        requireOpen("completed");
        Outcome done = new Outcome(Optional.of(now), actor, optionalText("note", doneNote, MAX_NOTE_LENGTH), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, true);
        return close(PrivacyRequestStatus.COMPLETED, done, now, actor, Optional.of("restricted"));
    }

    /** A RECTIFICATION or OBJECTION request fulfilled by staff, who say what they did. */
    public PrivacyRequest completedWithNote(String doneNote, Instant now, Optional<UserId> actor) {
        if (type != PrivacyRequestType.RECTIFICATION && type != PrivacyRequestType.OBJECTION) {
            throw new IllegalStateException("only rectification and objection requests are fulfilled with a note alone");
        }
        requireOpen("completed");
        String text = requiredText("note", doneNote, MAX_NOTE_LENGTH);
        return close(PrivacyRequestStatus.COMPLETED, Outcome.closed(now, actor, Optional.of(text)), now, actor, Optional.empty());
    }

    /**
     * Refused with a reason (Art. 12(4), (5)). An IN_PROGRESS request cannot be refused: its erasure has been carried
     * out already.
     */
    public PrivacyRequest refused(String reason, Instant now, Optional<UserId> actor) {
        String why = requiredText("reason", reason, MAX_REASON_LENGTH);
        requireOpen("refused");
        if (status == PrivacyRequestStatus.IN_PROGRESS) {
            throw new PrivacyRequestStateException("The request's erasure has been carried out; it can only be completed.");
        }
        Outcome done = new Outcome(Optional.of(now), actor, Optional.empty(), Optional.of(why), Optional.empty(),
                Optional.empty(), 0, false);
        return close(PrivacyRequestStatus.REFUSED, done, now, actor, Optional.empty());
    }

    /** @throws PrivacyRequestStateException when the request is COMPLETED or REFUSED */
    public void requireOpen(String verb) {
        if (!isOpen()) {
            throw new PrivacyRequestStateException("The request is " + status + " and can no longer be " + verb + ".");
        }
    }

    private void requireType(PrivacyRequestType expected) {
        if (type != expected) {
            throw new IllegalStateException("not a " + expected + " request");
        }
    }

    private PrivacyRequest close(PrivacyRequestStatus closed, Outcome done, Instant now, Optional<UserId> actor,
                                 Optional<String> detail) {
        StepAction action = closed == PrivacyRequestStatus.COMPLETED ? StepAction.COMPLETED : StepAction.REFUSED;
        return new PrivacyRequest(id, type, userId, receivedAt, dueAt, closed, note, extension, Optional.of(done),
                append(new Step(action, now, actor, detail)));
    }

    private List<Step> append(Step step) {
        List<Step> steps = new ArrayList<>(history);
        steps.add(step);
        return steps;
    }

    /**
     * A free text that must be present: trimmed, not blank, at most {@code max} characters, and storable (TAB, LF and
     * CR allowed; other control characters and unpaired surrogates not: {@link StoredText#isMultiLine}).
     */
    public static String requiredText(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidPrivacyRequestException(field, "is required and must not be blank");
        }
        return storable(field, text.strip(), max);
    }

    /** Like {@link #requiredText}, but absent or blank means none. */
    public static Optional<String> optionalText(String field, Optional<String> text, int max) {
        return text.filter(value -> !value.isBlank()).map(value -> storable(field, value.strip(), max));
    }

    private static String storable(String field, String text, int max) {
        if (!StoredText.isMultiLine(text)) {
            throw new InvalidPrivacyRequestException(field, StoredText.MULTI_LINE_RULE);
        }
        if (text.length() > max) {
            throw new InvalidPrivacyRequestException(field, "must be at most " + max + " characters");
        }
        return text;
    }

    @Override
    public String toString() {
        return "PrivacyRequest[id=" + id + ", type=" + type + ", status=" + status + ", dueAt=" + dueAt + "]";
    }
}

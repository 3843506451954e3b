package dev.roster.application.model.recipients;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Every recipient asked about one erasure (receipt), in the order they were asked, and their statuses. */
public record RecipientStatuses(UUID receiptId, List<RecipientStatus> recipients) {
    public RecipientStatuses {
        Objects.requireNonNull(receiptId, "receiptId");
        recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    }

    /** Whether no recipient is outstanding: every one confirmed (also when none was asked). */
    public boolean allConfirmed() {
        return recipients.stream().allMatch(recipient -> recipient.status() == RecipientStatus.Status.CONFIRMED);
    }

    /** The recipients that have not confirmed (pending or failed). */
    public List<RecipientStatus> outstanding() {
        return recipients.stream().filter(recipient -> recipient.status() != RecipientStatus.Status.CONFIRMED).toList();
    }
}

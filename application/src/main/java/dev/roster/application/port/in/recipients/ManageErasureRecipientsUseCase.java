package dev.roster.application.port.in.recipients;

import dev.roster.application.model.recipients.ErasureRecipient;

import java.util.List;
import java.util.UUID;

/** Erasure recipients (ADMIN): register, list, read, delete. Writes are audited with the id, never the secret or URL. */
public interface ManageErasureRecipientsUseCase {

    /**
     * Registers an active recipient with a new secret (shown only now and on rotation). It is asked about erasures that
     * commit from now on; earlier ones only through a backfill.
     *
     * @throws dev.roster.application.model.webhooks.ForbiddenTargetException for an internal address (the webhooks' rule)
     */
    ErasureRecipient create(CreateRecipientCommand command);

    /** Every recipient, oldest first. */
    List<ErasureRecipient> list();

    /** @throws RecipientNotFoundException when there is none with this id */
    ErasureRecipient get(UUID id);

    /**
     * Deletes the recipient and its deliveries. Its confirmations are kept (receipts still show them); what it has not
     * confirmed is no longer waited for, and a receipt left with no outstanding recipient is reported to the
     * {@code ErasureConfirmationListener}s, as if the last one had confirmed.
     */
    void delete(UUID id);
}

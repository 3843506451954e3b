package dev.roster.application.service.recipients;

import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.port.out.recipients.ErasureConfirmationListener;
import dev.roster.application.port.out.recipients.ErasureRequests;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** What the recipient services share: making a request with its delivery, and telling the listeners a receipt is done. */
final class ErasureRequesting {
    private ErasureRequesting() {
    }

    /** Asks the recipient about the erasure, unless it was asked already; inside the caller's transaction. */
    static boolean request(ErasureRequests requests, WebhookDeliveries deliveries, ErasedReceipt erased,
                           ErasureRecipient recipient, Instant now) {
        if (requests.exists(erased.receiptId(), recipient.id())) {
            return false;
        }
        ErasureRequest request = ErasureRequest.of(erased, recipient, UUID.randomUUID(), now);
        requests.add(request);
        deliveries.add(request.delivery(UUID.randomUUID(), erased.erasedAt()));
        return true;
    }

    /** Tells the listeners about each of these receipts that has no outstanding request left. */
    static void reportCompleted(ErasureRequests requests, List<ErasureConfirmationListener> listeners, Collection<UUID> receipts) {
        for (UUID receipt : receipts) {
            if (requests.outstanding(receipt) == 0) {
                listeners.forEach(listener -> listener.allConfirmed(receipt));
            }
        }
    }
}

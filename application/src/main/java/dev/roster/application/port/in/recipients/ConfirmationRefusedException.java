package dev.roster.application.port.in.recipients;

import dev.roster.application.model.ApplicationException;

/** A confirmation whose signature does not hold (401); the reason is a fixed word, never the request's content. */
public final class ConfirmationRefusedException extends ApplicationException {
    /** Why a signed request was refused, as the audit trail and the problem's detail name it. */
    public enum Reason {
        MISSING_HEADERS("missing-headers", "webhook-id, webhook-timestamp and webhook-signature are all required"),
        MALFORMED_HEADERS("malformed-headers", "webhook-id must be 1 to 256 visible ASCII characters and webhook-timestamp Unix seconds"),
        STALE_TIMESTAMP("stale-timestamp", "webhook-timestamp is more than 5 minutes from now"),
        UNKNOWN_RECIPIENT("unknown-recipient", "the signature does not verify with this recipient's secret"),
        BAD_SIGNATURE("bad-signature", "the signature does not verify with this recipient's secret");

        private final String wireName;
        private final String explanation;

        Reason(String wireName, String explanation) {
            this.wireName = wireName;
            this.explanation = explanation;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Reason reason;

    public ConfirmationRefusedException(Reason reason) {
        // an unknown recipient reads like a bad signature: the answer does not tell which ids exist
        super("The request is not signed by this erasure recipient: " + reason.explanation + ".");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package dev.roster.application.model.privacy;

/** What one step in a privacy request's history did. The wire names are a public contract. */
public enum StepAction {
    RECEIVED("received"),
    EXTENDED("extended"),
    /** The erasure was attempted and refused because the user is on legal hold; the request stays open. */
    ERASURE_BLOCKED("erasure_blocked"),
    /** Roster's own erasure is done; the request waits for downstream confirmations. */
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    REFUSED("refused");

    private final String wireName;

    StepAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static StepAction fromWireName(String name) {
        for (StepAction action : values()) {
            if (action.wireName.equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown step action");
    }
}

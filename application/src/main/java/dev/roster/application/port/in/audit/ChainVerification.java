package dev.roster.application.port.in.audit;

import java.util.Optional;

/** The result of walking the audit chain: how many events were checked and the first broken link, if any. */
public record ChainVerification(boolean valid, long checked, Optional<Long> firstBrokenSequence, Optional<String> problem) {
}

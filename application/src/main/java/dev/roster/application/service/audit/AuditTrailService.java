package dev.roster.application.service.audit;

import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.audit.AuditEventPage;
import dev.roster.application.port.in.audit.ChainVerification;
import dev.roster.application.port.in.audit.ListAuditEventsQuery;
import dev.roster.application.port.in.audit.ListAuditEventsUseCase;
import dev.roster.application.port.in.audit.VerifyAuditChainUseCase;
import dev.roster.application.port.out.audit.AuditChain;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.events.EventSequencer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads and verifies the audit trail; both first let the sequencer chain what has committed (ADR 0018). */
public final class AuditTrailService implements ListAuditEventsUseCase, VerifyAuditChainUseCase {
    private static final int VERIFY_BATCH = 1000;
    /** Cursor prefixes: the order a cursor was issued for (a1 predates newest-first paging and stays valid). */
    private static final String OLDEST_FIRST = "a1|";
    private static final String NEWEST_FIRST = "d1|";

    private final AuditLog log;
    private final EventSequencer sequencer;
    private final TransactionBoundary transactions;

    public AuditTrailService(AuditLog log, EventSequencer sequencer, TransactionBoundary transactions) {
        this.log = Objects.requireNonNull(log, "log");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public AuditEventPage list(ListAuditEventsQuery query) {
        sequencer.linkPending(); // everything committed before this call is in the trail
        String order = query.newestFirst() ? NEWEST_FIRST : OLDEST_FIRST;
        // One row more than asked tells whether another page follows, without a count.
        List<StoredAuditEvent> rows = query.newestFirst()
                ? transactions.readOnly(() -> log.findNewestFirst(query.filter(),
                        query.cursor().map(cursor -> decode(cursor, order)).orElse(Long.MAX_VALUE), query.limit() + 1))
                : transactions.readOnly(() -> log.find(query.filter(),
                        query.cursor().map(cursor -> decode(cursor, order)).orElse(0L), query.limit() + 1));
        if (rows.size() <= query.limit()) {
            return new AuditEventPage(rows, Optional.empty());
        }
        List<StoredAuditEvent> page = rows.subList(0, query.limit());
        return new AuditEventPage(page, Optional.of(encode(order, page.get(page.size() - 1).sequence())));
    }

    @Override
    public ChainVerification verify() {
        String previousHash = AuditChain.GENESIS;
        long expectedSequence = 1;
        long checked = 0;
        sequencer.linkPending(); // the newest events are checked too
        AuditLog.ChainHead head = transactions.readOnly(log::head);
        while (true) {
            long after = expectedSequence - 1;
            List<StoredAuditEvent> batch = transactions.readOnly(() -> log.chainAfter(after, VERIFY_BATCH));
            if (batch.isEmpty()) {
                // the newest events were removed if the head, read first, says the chain went further
                if (checked < head.lastSequence() || (checked == head.lastSequence() && !previousHash.equals(head.lastHash()))) {
                    return broken(checked, expectedSequence, "the chain head records events up to "
                            + head.lastSequence() + " that are missing or differ");
                }
                return new ChainVerification(true, checked, Optional.empty(), Optional.empty());
            }
            for (StoredAuditEvent stored : batch) {
                if (stored.sequence() != expectedSequence) {
                    return broken(checked, expectedSequence, "event " + expectedSequence + " is missing");
                }
                if (!stored.previousHash().equals(previousHash)) {
                    return broken(checked, stored.sequence(), "its previous hash does not match the event before it");
                }
                if (!AuditChain.hash(stored, previousHash).equals(stored.hash())) {
                    return broken(checked, stored.sequence(), "its content does not match its hash");
                }
                Optional<String> addressProblem = AuditChain.addressProblem(stored);
                if (addressProblem.isPresent()) {
                    return broken(checked, stored.sequence(), addressProblem.get());
                }
                previousHash = stored.hash();
                expectedSequence++;
                checked++;
            }
        }
    }

    private static ChainVerification broken(long checked, long sequence, String problem) {
        return new ChainVerification(false, checked, Optional.of(sequence), Optional.of(problem));
    }

    private static String encode(String order, long sequence) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((order + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor, String order) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cursor", "is not a cursor this service issued");
        }
        String other = order.equals(OLDEST_FIRST) ? NEWEST_FIRST : OLDEST_FIRST;
        if (plain.startsWith(other)) {
            throw new InvalidQueryException("cursor", "was issued for the other order");
        }
        try {
            if (!plain.startsWith(order)) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(plain.substring(order.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cursor", "is not a cursor this service issued");
        }
    }
}

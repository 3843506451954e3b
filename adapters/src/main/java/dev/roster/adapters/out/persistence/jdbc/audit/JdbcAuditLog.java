package dev.roster.adapters.out.persistence.jdbc.audit;

import dev.roster.adapters.out.persistence.jdbc.PendingEvents;
import dev.roster.adapters.out.persistence.jdbc.PendingEventsSignal;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AddressCommitment;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.out.audit.AuditChain;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * {@link AuditLog} in {@code audit_events}. An append inserts into {@code audit_pending} in the writer's transaction
 * and takes no lock another writer waits for; after commit the sequencer calls {@link #placePending}, which chains the
 * committed events in order and moves {@code audit_chain_head} on (ADR 0018). A rolled-back append leaves nothing.
 *
 * <p>A client address is stored with a random salt and the commitment to both ({@link AddressCommitment}); the chain
 * hashes the commitment. Clearing an address sets the address and the salt to NULL in one statement (ADR 0022).
 */
@Singleton
final class JdbcAuditLog implements AuditLog, PendingEvents {
    private static final String LOGIN_FAILED = AuditAction.LOGIN_FAILED.wireName();
    /** The width of {@code audit_events.client_address}. */
    private static final int CLIENT_ADDRESS_LENGTH = 64;
    private static final String COLUMNS = "sequence, occurred_at, actor_id, client_address, client_address_salt, "
            + "client_address_commitment, action, target_user_id, details, previous_hash, hash";
    private static final String PENDING_COLUMNS = "occurred_at, actor_id, client_address, client_address_salt, "
            + "client_address_commitment, action, target_user_id, details";
    /**
     * The pending events in placing order. The address (and salt) of an event whose actor has been anonymized, or of a
     * failed login aimed at an anonymized user, is dropped here: it was committed by a request still in flight when
     * the erasure cleared the user's addresses.
     */
    private static final String PENDING_TO_PLACE = "SELECT p.id, p.occurred_at, p.actor_id, "
            + "CASE WHEN a.anonymized_at IS NULL AND t.anonymized_at IS NULL THEN p.client_address END AS client_address, "
            + "CASE WHEN a.anonymized_at IS NULL AND t.anonymized_at IS NULL THEN p.client_address_salt END AS client_address_salt, "
            + "p.client_address_commitment, p.action, p.target_user_id, p.details "
            + "FROM audit_pending p "
            + "LEFT JOIN users a ON a.id = p.actor_id "
            + "LEFT JOIN users t ON t.id = p.target_user_id AND p.actor_id IS NULL AND p.action = '" + LOGIN_FAILED + "' "
            + "ORDER BY p.id LIMIT ?";
    /** Clears an address with its salt; the commitment stays. */
    private static final String CLEAR = "SET client_address = NULL, client_address_salt = NULL";
    private static final String HAS_ADDRESS = "(client_address IS NOT NULL OR client_address_salt IS NOT NULL)";

    private final JdbcOperations jdbc;
    private final PendingEventsSignal signal;
    private final SecureRandom random = new SecureRandom();

    JdbcAuditLog(JdbcOperations jdbc, PendingEventsSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    @Override
    public void append(AuditEvent given) {
        AuditEvent event = fitted(given);
        Optional<AddressCommitment> commitment = event.actor().clientAddress().map(address -> AddressCommitment.seal(address, random));
        jdbc.prepareStatement("INSERT INTO audit_pending (" + PENDING_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, SqlTimestamps.of(event.occurredAt()));
            statement.setObject(2, event.actor().userId().map(UserId::value).orElse(null));
            statement.setString(3, event.actor().clientAddress().orElse(null));
            statement.setString(4, commitment.flatMap(AddressCommitment::salt).orElse(null));
            statement.setString(5, commitment.map(AddressCommitment::digest).orElse(null));
            statement.setString(6, event.action().wireName());
            statement.setObject(7, event.target().map(UserId::value).orElse(null));
            statement.setString(8, encode(event.details()));
            return statement.executeUpdate();
        });
        signal.afterCommit();
    }

    /**
     * Chains the committed pending events onto the end of the trail in the order of their pending ids: each gets the
     * next sequence, the previous event's hash and its own, and leaves {@code audit_pending} in the same transaction.
     */
    @Override
    public int placePending(int limit) {
        ChainHead head = jdbc.prepareStatement(
                "SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE", JdbcAuditLog::readHead);
        List<Long> ids = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        List<Optional<AddressCommitment>> commitments = new ArrayList<>();
        jdbc.prepareStatement(PENDING_TO_PLACE, statement -> {
            statement.setInt(1, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong("id"));
                    events.add(readEvent(rows));
                    commitments.add(readCommitment(rows));
                }
            }
            return null;
        });
        if (ids.isEmpty()) {
            return 0;
        }
        long sequence = head.lastSequence();
        String previous = head.lastHash();
        List<StoredAuditEvent> chained = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            sequence++;
            AuditEvent event = events.get(i);
            Optional<AddressCommitment> commitment = commitments.get(i);
            StoredAuditEvent stored = new StoredAuditEvent(sequence, event, previous,
                    AuditChain.hash(sequence, previous, event, commitment.map(AddressCommitment::digest)), commitment);
            chained.add(stored);
            previous = stored.hash();
        }
        jdbc.prepareStatement("INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            for (StoredAuditEvent stored : chained) {
                AuditEvent event = stored.event();
                statement.setLong(1, stored.sequence());
                statement.setObject(2, SqlTimestamps.of(event.occurredAt()));
                statement.setObject(3, event.actor().userId().map(UserId::value).orElse(null));
                statement.setString(4, event.actor().clientAddress().orElse(null));
                statement.setString(5, stored.addressCommitment().flatMap(AddressCommitment::salt).orElse(null));
                statement.setString(6, stored.addressDigest().orElse(null));
                statement.setString(7, event.action().wireName());
                statement.setObject(8, event.target().map(UserId::value).orElse(null));
                statement.setString(9, encode(event.details()));
                statement.setString(10, stored.previousHash());
                statement.setString(11, stored.hash());
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        jdbc.prepareStatement("DELETE FROM audit_pending WHERE id = ?", statement -> {
            for (long id : ids) {
                statement.setLong(1, id);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        long last = sequence;
        String lastHash = previous;
        jdbc.prepareStatement("UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1", statement -> {
            statement.setLong(1, last);
            statement.setString(2, lastHash);
            return statement.executeUpdate();
        });
        return ids.size();
    }

    /**
     * The event with a client address that fits the column: printable ASCII (anything else becomes {@code ?}: an IP
     * address never has it, and PostgreSQL refuses a NUL) cut to the column's width. It is done before the address is
     * committed to, so the chain commits to what is stored. The HTTP edge only passes IP literals (ADR 0015); this is
     * the backstop that keeps an odd value from failing the whole audited change with a 500.
     */
    private static AuditEvent fitted(AuditEvent event) {
        Optional<String> client = event.actor().clientAddress();
        if (client.isEmpty() || client.get().length() <= CLIENT_ADDRESS_LENGTH && client.get().chars().allMatch(JdbcAuditLog::printable)) {
            return event;
        }
        String text = client.get();
        StringBuilder fitted = new StringBuilder(CLIENT_ADDRESS_LENGTH);
        for (int i = 0; i < Math.min(text.length(), CLIENT_ADDRESS_LENGTH); i++) {
            fitted.append(printable(text.charAt(i)) ? text.charAt(i) : '?');
        }
        Actor actor = new Actor(event.actor().userId(), Optional.of(fitted.toString()));
        return new AuditEvent(event.occurredAt(), actor, event.action(), event.target(), event.details());
    }

    private static boolean printable(int c) {
        return c >= 0x20 && c < 0x7f;
    }

    /**
     * Holds the sequencer's lock ({@code event_sequencer_lock}) until the caller's transaction ends: a placement that
     * read the user's pending events before this cleared them cannot insert them into the trail afterwards. The
     * pending events are cleared first, then the placed ones, so a placement this waited for is seen.
     */
    @Override
    public int clearClientAddressesOf(UserId user) {
        lockOutThePlacement();
        int cleared = 0;
        for (String table : new String[] {"audit_pending", "audit_events"}) {
            // two statements rather than one with OR: each is served by its own index (actor; target)
            cleared += update("UPDATE " + table + " " + CLEAR + " WHERE actor_id = ? AND " + HAS_ADDRESS, user.value());
            cleared += update("UPDATE " + table + " " + CLEAR + " WHERE target_user_id = ? AND actor_id IS NULL AND action = '"
                    + LOGIN_FAILED + "' AND " + HAS_ADDRESS, user.value());
        }
        return cleared;
    }

    /**
     * Walks {@code audit_events} from {@code audit_address_retention.cleared_through} (locked, so callers take turns)
     * in sequence order, which is commit order and so nearly time order: an event committed out of time order waits at
     * most for the one before it. Each call reads at most {@code limit} rows past the mark, whatever the size of the
     * trail. Holds the sequencer's lock too, for the reason {@link #clearClientAddressesOf} does.
     */
    @Override
    public int clearClientAddressesBefore(Instant cutoff, int limit) {
        lockOutThePlacement();
        long through = jdbc.prepareStatement("SELECT cleared_through FROM audit_address_retention WHERE id = 1 FOR UPDATE", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("audit_address_retention has no row: the migrations did not run");
                }
                return row.getLong(1);
            }
        });
        // pending rows are seconds old unless no sequencer ran for the whole retention; the table is small
        update("UPDATE audit_pending " + CLEAR + " WHERE occurred_at < ? AND " + HAS_ADDRESS, SqlTimestamps.of(cutoff));
        long[] last = {through};
        int passed = jdbc.prepareStatement("SELECT sequence, occurred_at FROM audit_events WHERE sequence > ? ORDER BY sequence LIMIT ?", statement -> {
            statement.setLong(1, through);
            statement.setInt(2, limit);
            int count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && rows.getObject(2, OffsetDateTime.class).toInstant().isBefore(cutoff)) {
                    last[0] = rows.getLong(1);
                    count++;
                }
            }
            return count;
        });
        if (passed > 0) {
            update("UPDATE audit_events " + CLEAR + " WHERE sequence > ? AND sequence <= ? AND " + HAS_ADDRESS, through, last[0]);
            update("UPDATE audit_address_retention SET cleared_through = ? WHERE id = 1", last[0]);
        }
        return passed;
    }

    /**
     * Takes {@code event_sequencer_lock} until the caller's transaction ends. Without it a placement could read a
     * pending event, this could clear the pending row and then miss the placed copy (not committed yet), and the
     * placement would commit the address into the trail.
     */
    private void lockOutThePlacement() {
        jdbc.prepareStatement("SELECT id FROM event_sequencer_lock WHERE id = 1 FOR UPDATE", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        });
    }

    private int update(String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, List.of(parameters));
            return statement.executeUpdate();
        });
    }

    @Override
    public List<StoredAuditEvent> find(AuditFilter filter, long afterSequence, int limit) {
        return find(filter, "sequence > ?", afterSequence, "ASC", limit);
    }

    @Override
    public List<StoredAuditEvent> findNewestFirst(AuditFilter filter, long beforeSequence, int limit) {
        return find(filter, "sequence < ?", beforeSequence, "DESC", limit);
    }

    private List<StoredAuditEvent> find(AuditFilter filter, String start, long startSequence, String direction, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE " + start);
        List<Object> parameters = new ArrayList<>(List.of(startSequence));
        filter.userId().ifPresent(id -> {
            sql.append(" AND target_user_id = ?");
            parameters.add(id.value());
        });
        filter.actorId().ifPresent(id -> {
            sql.append(" AND actor_id = ?");
            parameters.add(id.value());
        });
        filter.action().ifPresent(action -> {
            sql.append(" AND action = ?");
            parameters.add(action.wireName());
        });
        filter.from().ifPresent(from -> {
            sql.append(" AND occurred_at >= ?");
            parameters.add(SqlTimestamps.of(from));
        });
        filter.to().ifPresent(to -> {
            sql.append(" AND occurred_at < ?");
            parameters.add(SqlTimestamps.of(to));
        });
        sql.append(" ORDER BY sequence ").append(direction).append(" LIMIT ?");
        parameters.add(limit);
        return query(sql.toString(), parameters);
    }

    @Override
    public List<StoredAuditEvent> chainAfter(long afterSequence, int limit) {
        return query("SELECT " + COLUMNS + " FROM audit_events WHERE sequence > ? ORDER BY sequence LIMIT ?",
                List.of(afterSequence, limit));
    }

    @Override
    public Optional<StoredAuditEvent> last() {
        return query("SELECT " + COLUMNS + " FROM audit_events ORDER BY sequence DESC LIMIT 1", List.of())
                .stream().findFirst();
    }

    @Override
    public ChainHead head() {
        return jdbc.prepareStatement("SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1", JdbcAuditLog::readHead);
    }

    private static ChainHead readHead(PreparedStatement statement) throws SQLException {
        try (ResultSet head = statement.executeQuery()) {
            if (!head.next()) {
                throw new IllegalStateException("audit_chain_head has no row: the migrations did not run");
            }
            return new ChainHead(head.getLong(1), head.getString(2));
        }
    }

    private List<StoredAuditEvent> query(String sql, List<Object> parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            List<StoredAuditEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(read(rows));
                }
            }
            return events;
        });
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static StoredAuditEvent read(ResultSet row) throws SQLException {
        return new StoredAuditEvent(row.getLong("sequence"), readEvent(row), row.getString("previous_hash"), row.getString("hash"),
                readCommitment(row));
    }

    private static Optional<AddressCommitment> readCommitment(ResultSet row) throws SQLException {
        String digest = row.getString("client_address_commitment");
        return digest == null ? Optional.empty()
                : Optional.of(new AddressCommitment(digest, Optional.ofNullable(row.getString("client_address_salt"))));
    }

    private static AuditEvent readEvent(ResultSet row) throws SQLException {
        UUID actor = row.getObject("actor_id", UUID.class);
        UUID target = row.getObject("target_user_id", UUID.class);
        String action = row.getString("action");
        return new AuditEvent(
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                new Actor(Optional.ofNullable(actor).map(UserId::new), Optional.ofNullable(row.getString("client_address"))),
                AuditAction.fromWireName(action).orElseThrow(() -> new IllegalStateException("unknown audit action " + action)),
                Optional.ofNullable(target).map(UserId::new),
                decode(row.getString("details")));
    }

    private static String encode(Map<String, String> details) {
        return details.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), UTF_8) + "=" + URLEncoder.encode(entry.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static TreeMap<String, String> decode(String text) {
        TreeMap<String, String> details = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            details.put(URLDecoder.decode(pair.substring(0, equals), UTF_8), URLDecoder.decode(pair.substring(equals + 1), UTF_8));
        }
        return details;
    }
}

package dev.roster.adapters.out.persistence.jdbc.audit;

import dev.roster.adapters.out.persistence.jdbc.PendingEvents;
import dev.roster.adapters.out.persistence.jdbc.PendingEventsSignal;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.audit.Actor;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 */
@Singleton
final class JdbcAuditLog implements AuditLog, PendingEvents {
    /** The width of {@code audit_events.client_address}. */
    private static final int CLIENT_ADDRESS_LENGTH = 64;
    private static final String COLUMNS = "sequence, occurred_at, actor_id, client_address, action, target_user_id, "
            + "details, previous_hash, hash";
    private static final String PENDING_COLUMNS = "occurred_at, actor_id, client_address, action, target_user_id, details";

    private final JdbcOperations jdbc;
    private final PendingEventsSignal signal;

    JdbcAuditLog(JdbcOperations jdbc, PendingEventsSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    @Override
    public void append(AuditEvent given) {
        AuditEvent event = fitted(given);
        jdbc.prepareStatement("INSERT INTO audit_pending (" + PENDING_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, SqlTimestamps.of(event.occurredAt()));
            statement.setObject(2, event.actor().userId().map(UserId::value).orElse(null));
            statement.setString(3, event.actor().clientAddress().orElse(null));
            statement.setString(4, event.action().wireName());
            statement.setObject(5, event.target().map(UserId::value).orElse(null));
            statement.setString(6, encode(event.details()));
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
        jdbc.prepareStatement("SELECT id, " + PENDING_COLUMNS + " FROM audit_pending ORDER BY id LIMIT ?", statement -> {
            statement.setInt(1, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong("id"));
                    events.add(readEvent(rows));
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
        for (AuditEvent event : events) {
            sequence++;
            StoredAuditEvent stored = new StoredAuditEvent(sequence, event, previous, AuditChain.hash(sequence, previous, event));
            chained.add(stored);
            previous = stored.hash();
        }
        jdbc.prepareStatement("INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            for (StoredAuditEvent stored : chained) {
                AuditEvent event = stored.event();
                statement.setLong(1, stored.sequence());
                statement.setObject(2, SqlTimestamps.of(event.occurredAt()));
                statement.setObject(3, event.actor().userId().map(UserId::value).orElse(null));
                statement.setString(4, event.actor().clientAddress().orElse(null));
                statement.setString(5, event.action().wireName());
                statement.setObject(6, event.target().map(UserId::value).orElse(null));
                statement.setString(7, encode(event.details()));
                statement.setString(8, stored.previousHash());
                statement.setString(9, stored.hash());
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
     * address never has it, and PostgreSQL refuses a NUL) cut to the column's width. It is done before hashing, so the
     * chain commits to what is stored. The HTTP edge only passes IP literals (ADR 0015); this is the backstop that keeps
     * an odd value from failing the whole audited change with a 500.
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
        return new StoredAuditEvent(row.getLong("sequence"), readEvent(row), row.getString("previous_hash"), row.getString("hash"));
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

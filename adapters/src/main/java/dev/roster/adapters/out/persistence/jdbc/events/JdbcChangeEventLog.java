package dev.roster.adapters.out.persistence.jdbc.events;

import dev.roster.adapters.out.persistence.jdbc.PendingEvents;
import dev.roster.adapters.out.persistence.jdbc.PendingEventsSignal;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.events.ChangeEvent;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.port.out.events.ChangeEventLog;
import dev.roster.domain.user.UserId;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link ChangeEventLog} in {@code change_events}. An append inserts into {@code change_events_pending} in the
 * writer's transaction; after commit the sequencer calls {@link #placePending}, which gives the committed events the
 * next positions in the order of their pending ids and moves them into {@code change_events} (ADR 0018). The data is
 * stored as the JSON object the feed and the webhooks publish.
 */
@Singleton
final class JdbcChangeEventLog implements ChangeEventLog, PendingEvents {
    private static final String COLUMNS = "event_id, event_type, occurred_at, user_id, event_data";
    private static final Argument<Map<String, Object>> DATA = Argument.mapOf(String.class, Object.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final PendingEventsSignal signal;

    JdbcChangeEventLog(JdbcOperations jdbc, JsonMapper json, PendingEventsSignal signal) {
        this.jdbc = jdbc;
        this.json = json;
        this.signal = signal;
    }

    @Override
    public void append(ChangeEvent event) {
        appendAll(List.of(event));
    }

    @Override
    public void appendAll(List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("INSERT INTO change_events_pending (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", statement -> {
            for (ChangeEvent event : events) {
                statement.setObject(1, event.id());
                statement.setString(2, event.type().wireName());
                statement.setObject(3, SqlTimestamps.of(event.occurredAt()));
                statement.setObject(4, event.userId().value());
                statement.setString(5, encode(event.data()));
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        signal.afterCommit();
    }

    @Override
    public int placePending(int limit) {
        long last = jdbc.prepareStatement("SELECT last_position FROM change_feed_head WHERE id = 1 FOR UPDATE",
                statement -> single(statement, "change_feed_head"));
        List<Long> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        jdbc.prepareStatement("SELECT id, " + COLUMNS + " FROM change_events_pending ORDER BY id LIMIT ?", statement -> {
            statement.setInt(1, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong("id"));
                    rows.add(new Object[]{result.getObject("event_id", UUID.class), result.getString("event_type"),
                            result.getObject("occurred_at", OffsetDateTime.class), result.getObject("user_id", UUID.class),
                            result.getString("event_data")});
                }
            }
            return null;
        });
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.prepareStatement("INSERT INTO change_events (position, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", statement -> {
            long position = last;
            for (Object[] row : rows) {
                statement.setLong(1, ++position);
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 2, row[i]);
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        jdbc.prepareStatement("DELETE FROM change_events_pending WHERE id = ?", statement -> {
            for (long id : ids) {
                statement.setLong(1, id);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        jdbc.prepareStatement("UPDATE change_feed_head SET last_position = ? WHERE id = 1", statement -> {
            statement.setLong(1, last + ids.size());
            return statement.executeUpdate();
        });
        return ids.size();
    }

    @Override
    public List<StoredChangeEvent> after(long position, EventFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT position, " + COLUMNS + " FROM change_events WHERE position > ?");
        List<Object> parameters = new ArrayList<>(List.of(position));
        if (!filter.types().isEmpty()) {
            sql.append(" AND event_type IN (").append(String.join(", ", java.util.Collections.nCopies(filter.types().size(), "?"))).append(')');
            filter.types().stream().map(ChangeType::wireName).sorted().forEach(parameters::add);
        }
        filter.userId().ifPresent(id -> {
            sql.append(" AND user_id = ?");
            parameters.add(id.value());
        });
        sql.append(" ORDER BY position LIMIT ?");
        parameters.add(limit);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<StoredChangeEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(read(rows));
                }
            }
            return events;
        });
    }

    @Override
    public long lastPosition() {
        return jdbc.prepareStatement("SELECT last_position FROM change_feed_head WHERE id = 1",
                statement -> single(statement, "change_feed_head"));
    }

    @Override
    public long prunedThrough() {
        return jdbc.prepareStatement("SELECT pruned_through FROM change_feed_head WHERE id = 1",
                statement -> single(statement, "change_feed_head"));
    }

    /** Removes the longest run of oldest events that all occurred before the cutoff, so the removed part has no holes. */
    @Override
    public int pruneBefore(Instant cutoff, int batch) {
        List<Long> expired = new ArrayList<>();
        jdbc.prepareStatement("SELECT position, occurred_at FROM change_events ORDER BY position LIMIT ?", statement -> {
            statement.setInt(1, batch);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && rows.getObject("occurred_at", OffsetDateTime.class).toInstant().isBefore(cutoff)) {
                    expired.add(rows.getLong("position"));
                }
            }
            return null;
        });
        if (expired.isEmpty()) {
            return 0;
        }
        long through = expired.get(expired.size() - 1);
        int removed = jdbc.prepareStatement("DELETE FROM change_events WHERE position <= ?", statement -> {
            statement.setLong(1, through);
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE change_feed_head SET pruned_through = ? WHERE id = 1 AND pruned_through < ?", statement -> {
            statement.setLong(1, through);
            statement.setLong(2, through);
            return statement.executeUpdate();
        });
        return removed;
    }

    private StoredChangeEvent read(ResultSet row) throws SQLException {
        String type = row.getString("event_type");
        ChangeEvent event = new ChangeEvent(
                row.getObject("event_id", UUID.class),
                ChangeType.fromWireName(type).orElseThrow(() -> new IllegalStateException("unknown change event type " + type)),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                new UserId(row.getObject("user_id", UUID.class)),
                decode(row.getString("event_data")));
        return new StoredChangeEvent(row.getLong("position"), event);
    }

    private static long single(PreparedStatement statement, String table) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException(table + " has no row: the migrations did not run");
            }
            return row.getLong(1);
        }
    }

    private String encode(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException("change event data could not be written as JSON", e);
        }
    }

    private Map<String, Object> decode(String text) {
        try {
            Map<String, Object> data = json.readValue(text, DATA);
            Map<String, Object> normalised = new java.util.LinkedHashMap<>();
            data.forEach((key, value) -> normalised.put(key, value instanceof Number number ? Long.valueOf(number.longValue()) : value));
            return normalised;
        } catch (IOException e) {
            throw new UncheckedIOException("stored change event data is not JSON", e);
        }
    }
}

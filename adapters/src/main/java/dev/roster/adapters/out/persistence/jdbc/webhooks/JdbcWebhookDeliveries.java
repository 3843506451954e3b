package dev.roster.adapters.out.persistence.jdbc.webhooks;

import dev.roster.adapters.out.persistence.jdbc.PendingEvents;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * {@link WebhookDeliveries} in {@code webhook_deliveries}, and the enqueuer of change events: as a {@link PendingEvents}
 * store ordered after the change feed ({@code @Order(100)}), it runs in the sequencer's placing transaction, under its
 * lock, right after the events got their positions, and adds one delivery per new event and active webhook
 * subscription that wants its type (erasure recipients get erasure requests instead, from their own enqueuer), then
 * moves {@code webhook_enqueue_head} past them. So a delivery exists exactly when its event is in
 * the feed: none twice, none missed, on any number of instances and across crashes.
 *
 * <p>Claims use {@code FOR UPDATE SKIP LOCKED}, which PostgreSQL and H2 2.x both accept (H2 2.3 was tried: a second
 * connection skips the rows the first one locked), so that dispatchers on several instances never claim one delivery
 * together; the claim then moves {@code next_attempt_at} a lease ahead and commits at once.
 */
@Singleton
@Order(100)
final class JdbcWebhookDeliveries implements WebhookDeliveries, PendingEvents {
    private static final String COLUMNS = "id, seq, subscription_id, event_id, event_type, position, user_id, occurred_at, "
            + "event_data, status, attempts, next_attempt_at, last_attempt_at, last_status, last_error, delivered_at, created_at";
    private static final String INSERT = "INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, position, "
            + "user_id, occurred_at, event_data, status, attempts, next_attempt_at, last_attempt_at, last_status, last_error, "
            + "delivered_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final Argument<Map<String, Object>> DATA = Argument.mapOf(String.class, Object.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JdbcWebhookDeliveries(JdbcOperations jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public int placePending(int limit) {
        long through = jdbc.prepareStatement("SELECT through_position FROM webhook_enqueue_head WHERE id = 1 FOR UPDATE", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("webhook_enqueue_head has no row: the migrations did not run");
                }
                return row.getLong(1);
            }
        });
        Map<UUID, Set<ChangeType>> subscribers = new LinkedHashMap<>();
        jdbc.prepareStatement("SELECT id, event_types FROM webhook_subscriptions WHERE active = TRUE AND "
                + JdbcWebhookSubscriptions.WEBHOOKS + " ORDER BY created_at, id", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    subscribers.put(rows.getObject(1, UUID.class), JdbcWebhookSubscriptions.decodeTypes(rows.getString(2)));
                }
            }
            return null;
        });
        if (subscribers.isEmpty()) {
            // nobody to deliver to: move the cursor past every placed event without reading them (the common case for
            // an instance without webhooks, on every placement); the idle sweep writes no row version when nothing moved
            jdbc.prepareStatement("UPDATE webhook_enqueue_head SET through_position = "
                    + "(SELECT last_position FROM change_feed_head WHERE id = 1) WHERE id = 1 AND through_position <> "
                    + "(SELECT last_position FROM change_feed_head WHERE id = 1)", statement -> statement.executeUpdate());
            return 0;
        }
        List<Object[]> events = new ArrayList<>();
        jdbc.prepareStatement("SELECT position, event_id, event_type, occurred_at, user_id, event_data FROM change_events "
                + "WHERE position > ? ORDER BY position LIMIT ?", statement -> {
            statement.setLong(1, through);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new Object[]{rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getObject(5, UUID.class), rows.getString(6)});
                }
            }
            return null;
        });
        if (events.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = SqlTimestamps.of(now());
        jdbc.prepareStatement(INSERT, statement -> {
            for (Object[] event : events) {
                ChangeType type = ChangeType.fromWireName((String) event[2]).orElse(null);
                for (Map.Entry<UUID, Set<ChangeType>> subscriber : subscribers.entrySet()) {
                    if (type != null && (subscriber.getValue().isEmpty() || subscriber.getValue().contains(type))) {
                        statement.setObject(1, UUID.randomUUID());
                        statement.setObject(2, subscriber.getKey());
                        statement.setObject(3, event[1]);
                        statement.setString(4, (String) event[2]);
                        statement.setLong(5, (Long) event[0]);
                        statement.setObject(6, event[4]);
                        statement.setObject(7, event[3]);
                        statement.setString(8, (String) event[5]);
                        statement.setString(9, DeliveryStatus.PENDING.name());
                        statement.setInt(10, 0);
                        statement.setObject(11, now);
                        statement.setObject(12, null);
                        statement.setNull(13, Types.INTEGER);
                        statement.setString(14, null);
                        statement.setObject(15, null);
                        statement.setObject(16, now);
                        statement.addBatch();
                    }
                }
            }
            return statement.executeBatch();
        });
        long last = (Long) events.get(events.size() - 1)[0];
        jdbc.prepareStatement("UPDATE webhook_enqueue_head SET through_position = ? WHERE id = 1", statement -> {
            statement.setLong(1, last);
            return statement.executeUpdate();
        });
        return events.size();
    }

    @Override
    public WebhookDelivery add(WebhookDelivery delivery) {
        jdbc.prepareStatement(INSERT, statement -> {
            WebhookMessage message = delivery.message();
            statement.setObject(1, delivery.id());
            statement.setObject(2, delivery.subscriptionId());
            statement.setObject(3, message.eventId());
            statement.setString(4, message.type());
            if (message.position().isPresent()) {
                statement.setLong(5, message.position().getAsLong());
            } else {
                statement.setNull(5, Types.BIGINT);
            }
            statement.setObject(6, message.userId().map(UserId::value).orElse(null));
            statement.setObject(7, SqlTimestamps.of(message.occurredAt()));
            statement.setString(8, encode(message.data()));
            bindState(statement, 9, delivery);
            statement.setObject(16, SqlTimestamps.of(delivery.createdAt()));
            return statement.executeUpdate();
        });
        long seq = jdbc.prepareStatement("SELECT seq FROM webhook_deliveries WHERE id = ?", statement -> {
            statement.setObject(1, delivery.id());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
        return delivery.withSequence(seq);
    }

    /** status, attempts, next_attempt_at, last_attempt_at, last_status, last_error, delivered_at from {@code first}. */
    private static void bindState(PreparedStatement statement, int first, WebhookDelivery delivery) throws SQLException {
        statement.setString(first, delivery.status().name());
        statement.setInt(first + 1, delivery.attempts());
        statement.setObject(first + 2, SqlTimestamps.of(delivery.nextAttemptAt().orElse(null)));
        statement.setObject(first + 3, SqlTimestamps.of(delivery.lastAttemptAt().orElse(null)));
        if (delivery.lastStatus().isPresent()) {
            statement.setInt(first + 4, delivery.lastStatus().getAsInt());
        } else {
            statement.setNull(first + 4, Types.INTEGER);
        }
        statement.setString(first + 5, delivery.lastError().orElse(null));
        statement.setObject(first + 6, SqlTimestamps.of(delivery.deliveredAt().orElse(null)));
    }

    @Override
    public boolean update(WebhookDelivery delivery) {
        return jdbc.prepareStatement("UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
                + "last_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?", statement -> {
            bindState(statement, 1, delivery);
            statement.setObject(8, delivery.id());
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<WebhookDelivery> find(UUID subscriptionId, UUID deliveryId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ? AND subscription_id = ?", statement -> {
            statement.setObject(1, deliveryId);
            statement.setObject(2, subscriptionId);
            List<WebhookDelivery> found = readAll(statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public List<WebhookDelivery> list(UUID subscriptionId, Optional<DeliveryStatus> status, OptionalLong before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE subscription_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(subscriptionId));
        status.ifPresent(wanted -> {
            sql.append(" AND status = ?");
            parameters.add(wanted.name());
        });
        if (before.isPresent()) {
            sql.append(" AND seq < ?");
            parameters.add(before.getAsLong());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        parameters.add(limit);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return readAll(statement);
        });
    }

    @Override
    public List<WebhookDelivery> claimDue(UUID subscriptionId, Instant now, Instant leaseUntil, int limit) {
        List<WebhookDelivery> claimed = jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_deliveries d "
                + "WHERE d.subscription_id = ? AND d.status = 'PENDING' AND d.next_attempt_at <= ? "
                // the user's earliest pending delivery only; a correlated MIN, not NOT EXISTS: with statistics taken on an
                // empty table PostgreSQL planned the anti join as a nested loop over every pending row (432 ms for 1,000
                // rows instead of 0.3 ms), and this form is one index probe per row whatever the statistics say. Messages
                // that are not change events (pings, erasure requests) have no position and no order.
                + "AND (d.position IS NULL OR d.position = (SELECT MIN(e.position) FROM webhook_deliveries e "
                + "WHERE e.subscription_id = d.subscription_id AND e.user_id = d.user_id AND e.status = 'PENDING')) "
                // position alone (pings, without one, last): the claim index's order, so the scan stops at the limit
                + "ORDER BY d.position LIMIT ? FOR UPDATE SKIP LOCKED", statement -> {
            statement.setObject(1, subscriptionId);
            statement.setObject(2, SqlTimestamps.of(now));
            statement.setInt(3, limit);
            return readAll(statement);
        });
        if (claimed.isEmpty()) {
            return claimed;
        }
        jdbc.prepareStatement("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?", statement -> {
            for (WebhookDelivery delivery : claimed) {
                statement.setObject(1, SqlTimestamps.of(leaseUntil));
                statement.setObject(2, delivery.id());
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        return claimed;
    }

    @Override
    public Optional<Instant> earliestDue() {
        return jdbc.prepareStatement("SELECT MIN(d.next_attempt_at) FROM webhook_deliveries d JOIN webhook_subscriptions s "
                + "ON s.id = d.subscription_id WHERE d.status = 'PENDING' AND s.active = TRUE", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant) : Optional.empty();
            }
        });
    }

    @Override
    public long countDue(Instant now) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM webhook_deliveries d JOIN webhook_subscriptions s "
                + "ON s.id = d.subscription_id WHERE d.status = 'PENDING' AND s.active = TRUE AND d.next_attempt_at <= ?", statement -> {
            statement.setObject(1, SqlTimestamps.of(now));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public long enqueuedThrough() {
        return jdbc.prepareStatement("SELECT through_position FROM webhook_enqueue_head WHERE id = 1", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        });
    }

    private List<WebhookDelivery> readAll(PreparedStatement statement) throws SQLException {
        List<WebhookDelivery> deliveries = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                deliveries.add(read(rows));
            }
        }
        return deliveries;
    }

    private WebhookDelivery read(ResultSet row) throws SQLException {
        long position = row.getLong("position");
        OptionalLong maybePosition = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(position);
        int lastStatus = row.getInt("last_status");
        OptionalInt maybeStatus = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(lastStatus);
        WebhookMessage message = new WebhookMessage(row.getObject("event_id", UUID.class), row.getString("event_type"),
                maybePosition, row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(row.getObject("user_id", UUID.class)).map(UserId::new), decode(row.getString("event_data")));
        return new WebhookDelivery(row.getObject("id", UUID.class), row.getObject("subscription_id", UUID.class),
                row.getLong("seq"), message, DeliveryStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                instant(row, "next_attempt_at"), instant(row, "last_attempt_at"), maybeStatus,
                Optional.ofNullable(row.getString("last_error")), instant(row, "delivered_at"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String encode(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook data could not be written as JSON", e);
        }
    }

    private Map<String, Object> decode(String text) {
        try {
            Map<String, Object> data = json.readValue(text, DATA);
            Map<String, Object> normalised = new LinkedHashMap<>();
            data.forEach((key, value) -> normalised.put(key, value instanceof Number number ? Long.valueOf(number.longValue()) : value));
            return Collections.unmodifiableMap(normalised);
        } catch (IOException e) {
            throw new UncheckedIOException("stored webhook data is not JSON", e);
        }
    }
}

package dev.roster.adapters.out.persistence.jdbc.recipients;

import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.recipients.ConfirmationCounts;
import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.port.out.recipients.ErasureRequests;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@link ErasureRequests} in {@code erasure_requests} (V13), joined with {@code webhook_deliveries} for each request's
 * delivery status and with {@code erasure_receipts} for backfills. {@link #awaitingRequests} looks at the change
 * feed's tables (an erasure's {@code user.anonymized} event not yet placed, or placed but not yet turned into
 * requests), and {@link #holdRequesting} takes the event sequencer's lock (ADR 0018): the requests are made in its
 * placing transaction ({@link JdbcErasureRequestFeed}).
 */
@Singleton
final class JdbcErasureRequests implements ErasureRequests {
    private static final String COLUMNS = "q.receipt_id, q.recipient_id, q.recipient_name, q.user_id, q.delivery_id, "
            + "q.requested_at, q.confirmed_at, q.erased_at, q.counts";
    private static final Argument<Map<String, Long>> COUNTS = Argument.mapOf(String.class, Long.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcErasureRequests(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void add(ErasureRequest request) {
        jdbc.prepareStatement("INSERT INTO erasure_requests (receipt_id, recipient_id, recipient_name, user_id, delivery_id, "
                + "requested_at, confirmed_at, erased_at, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, request.receiptId());
            statement.setObject(2, request.recipientId());
            statement.setString(3, request.recipientName());
            statement.setObject(4, request.userId().value());
            statement.setObject(5, request.deliveryId());
            statement.setObject(6, SqlTimestamps.of(request.requestedAt()));
            bindConfirmation(statement, 7, request);
            return statement.executeUpdate();
        });
    }

    /** confirmed_at, erased_at, counts from {@code first}: null while unconfirmed. */
    private void bindConfirmation(PreparedStatement statement, int first, ErasureRequest request) throws SQLException {
        Optional<ErasureRequest.Confirmed> confirmed = request.confirmation();
        statement.setObject(first, SqlTimestamps.of(confirmed.map(ErasureRequest.Confirmed::confirmedAt).orElse(null)));
        statement.setObject(first + 1, SqlTimestamps.of(confirmed.map(ErasureRequest.Confirmed::erasedAt).orElse(null)));
        statement.setString(first + 2, confirmed.map(c -> encode(c.counts())).orElse(null));
    }

    @Override
    public boolean exists(UUID receiptId, UUID recipientId) {
        return jdbc.prepareStatement("SELECT 1 FROM erasure_requests WHERE receipt_id = ? AND recipient_id = ?", statement -> {
            statement.setObject(1, receiptId);
            statement.setObject(2, recipientId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        });
    }

    @Override
    public boolean confirm(ErasureRequest confirmed) {
        return jdbc.prepareStatement("UPDATE erasure_requests SET confirmed_at = ?, erased_at = ?, counts = ? "
                + "WHERE receipt_id = ? AND recipient_id = ? AND confirmed_at IS NULL", statement -> {
            bindConfirmation(statement, 1, confirmed);
            statement.setObject(4, confirmed.receiptId());
            statement.setObject(5, confirmed.recipientId());
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public List<Tracked> ofReceipt(UUID receiptId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + ", d.status FROM erasure_requests q "
                + "LEFT JOIN webhook_deliveries d ON d.id = q.delivery_id WHERE q.receipt_id = ? "
                + "ORDER BY q.requested_at, q.recipient_id", statement -> {
            statement.setObject(1, receiptId);
            List<Tracked> tracked = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tracked.add(new Tracked(read(rows), Optional.ofNullable(rows.getString("status")).map(DeliveryStatus::valueOf)));
                }
            }
            return tracked;
        });
    }

    @Override
    public List<ErasureRequest> of(UUID recipientId, UserId userId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM erasure_requests q WHERE q.recipient_id = ? AND q.user_id = ? "
                + "ORDER BY q.requested_at, q.receipt_id", statement -> {
            statement.setObject(1, recipientId);
            statement.setObject(2, userId.value());
            return readAll(statement);
        });
    }

    @Override
    public long outstanding(UUID receiptId) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM erasure_requests WHERE receipt_id = ? AND confirmed_at IS NULL", statement -> {
            statement.setObject(1, receiptId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public Set<UUID> removeOutstanding(UUID recipientId) {
        Set<UUID> receipts = jdbc.prepareStatement("SELECT receipt_id FROM erasure_requests WHERE recipient_id = ? "
                + "AND confirmed_at IS NULL ORDER BY receipt_id", statement -> {
            statement.setObject(1, recipientId);
            Set<UUID> ids = new LinkedHashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        });
        jdbc.prepareStatement("DELETE FROM erasure_requests WHERE recipient_id = ? AND confirmed_at IS NULL", statement -> {
            statement.setObject(1, recipientId);
            return statement.executeUpdate();
        });
        return receipts;
    }

    @Override
    public List<ErasedReceipt> unrequested(UUID recipientId, Instant since, int limit) {
        return jdbc.prepareStatement("SELECT r.id, r.user_id, r.erased_at FROM erasure_receipts r WHERE r.erased_at >= ? "
                + "AND NOT EXISTS (SELECT 1 FROM erasure_requests q WHERE q.receipt_id = r.id AND q.recipient_id = ?) "
                + "ORDER BY r.erased_at, r.id LIMIT ?", statement -> {
            statement.setObject(1, SqlTimestamps.of(since));
            statement.setObject(2, recipientId);
            statement.setInt(3, limit);
            List<ErasedReceipt> receipts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    receipts.add(new ErasedReceipt(rows.getObject(1, UUID.class), new UserId(rows.getObject(2, UUID.class)),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            return receipts;
        });
    }

    @Override
    public List<ErasureRequest> failedSince(UUID recipientId, Instant since) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM erasure_requests q "
                + "JOIN webhook_deliveries d ON d.id = q.delivery_id JOIN erasure_receipts r ON r.id = q.receipt_id "
                + "WHERE q.recipient_id = ? AND q.confirmed_at IS NULL AND d.status = 'FAILED' AND r.erased_at >= ? "
                + "ORDER BY q.requested_at, q.receipt_id", statement -> {
            statement.setObject(1, recipientId);
            statement.setObject(2, SqlTimestamps.of(since));
            return readAll(statement);
        });
    }

    @Override
    public ConfirmationCounts counts(Instant overdueBefore) {
        return jdbc.prepareStatement("SELECT COALESCE(SUM(CASE WHEN d.status = 'FAILED' THEN 0 ELSE 1 END), 0), "
                + "COALESCE(SUM(CASE WHEN q.requested_at < ? THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN d.status = 'FAILED' THEN 1 ELSE 0 END), 0) "
                + "FROM erasure_requests q LEFT JOIN webhook_deliveries d ON d.id = q.delivery_id WHERE q.confirmed_at IS NULL", statement -> {
            statement.setObject(1, SqlTimestamps.of(overdueBefore));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new ConfirmationCounts(row.getLong(1), row.getLong(2), row.getLong(3));
            }
        });
    }

    @Override
    public boolean awaitingRequests(UUID receiptId, UserId userId) {
        // the event names the receipt in its data ({"receiptId": "<uuid>", ...}); a UUID has no LIKE wildcards
        String names = "%" + receiptId + "%";
        return jdbc.prepareStatement("SELECT 1 FROM change_events_pending WHERE user_id = ? AND event_type = 'user.anonymized' "
                + "AND event_data LIKE ? UNION ALL SELECT 1 FROM change_events e WHERE e.user_id = ? "
                + "AND e.event_type = 'user.anonymized' AND e.event_data LIKE ? "
                + "AND e.position > (SELECT through_position FROM erasure_request_head WHERE id = 1)", statement -> {
            statement.setObject(1, userId.value());
            statement.setString(2, names);
            statement.setObject(3, userId.value());
            statement.setString(4, names);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        });
    }

    @Override
    public void holdRequesting() {
        jdbc.prepareStatement("SELECT id FROM event_sequencer_lock WHERE id = 1 FOR UPDATE", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        });
    }

    private List<ErasureRequest> readAll(PreparedStatement statement) throws SQLException {
        List<ErasureRequest> requests = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                requests.add(read(rows));
            }
        }
        return requests;
    }

    private ErasureRequest read(ResultSet row) throws SQLException {
        OffsetDateTime confirmedAt = row.getObject("confirmed_at", OffsetDateTime.class);
        Optional<ErasureRequest.Confirmed> confirmation = confirmedAt == null ? Optional.empty()
                : Optional.of(new ErasureRequest.Confirmed(confirmedAt.toInstant(),
                        row.getObject("erased_at", OffsetDateTime.class).toInstant(), decode(row.getString("counts"))));
        return new ErasureRequest(row.getObject("receipt_id", UUID.class), row.getObject("recipient_id", UUID.class),
                row.getString("recipient_name"), new UserId(row.getObject("user_id", UUID.class)),
                row.getObject("delivery_id", UUID.class), row.getObject("requested_at", OffsetDateTime.class).toInstant(),
                confirmation);
    }

    private String encode(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(new TreeMap<>(counts));
        } catch (IOException e) {
            throw new UncheckedIOException("counts could not be written as JSON", e);
        }
    }

    private Map<String, Long> decode(String text) {
        try {
            return json.readValue(text, COUNTS);
        } catch (IOException e) {
            throw new UncheckedIOException("stored counts are not JSON", e);
        }
    }
}

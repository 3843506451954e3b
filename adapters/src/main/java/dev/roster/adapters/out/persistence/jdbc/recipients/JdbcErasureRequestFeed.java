package dev.roster.adapters.out.persistence.jdbc.recipients;

import dev.roster.adapters.out.persistence.jdbc.PendingEvents;
import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.port.in.recipients.RequestErasuresUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns erasures into erasure requests, from the change feed: as a {@link PendingEvents} store ordered after the feed
 * and the webhook enqueuer ({@code @Order(110)}), it runs in the sequencer's placing transaction, under its lock, right
 * after the events got their positions, reads the {@code user.anonymized} events among them and hands their receipts to
 * {@link RequestErasuresUseCase} (which joins this transaction), then moves {@code erasure_request_head} past them. So
 * every erasure, whatever path made it, is asked of the recipients active when its event is placed: none twice, none
 * missed, across crashes and instances. With no active recipient the head just moves to the feed's end.
 */
@Singleton
@Order(110)
final class JdbcErasureRequestFeed implements PendingEvents {
    private static final Argument<Map<String, Object>> DATA = Argument.mapOf(String.class, Object.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final RequestErasuresUseCase requests;

    JdbcErasureRequestFeed(JdbcOperations jdbc, JsonMapper json, RequestErasuresUseCase requests) {
        this.jdbc = jdbc;
        this.json = json;
        this.requests = requests;
    }

    @Override
    public int placePending(int limit) {
        long[] state = jdbc.prepareStatement("SELECT h.through_position, f.last_position, CASE WHEN EXISTS (SELECT 1 FROM "
                + "webhook_subscriptions s WHERE s.active = TRUE AND s." + JdbcErasureRecipients.RECIPIENTS + ") THEN 1 ELSE 0 END "
                + "FROM erasure_request_head h, change_feed_head f WHERE h.id = 1 AND f.id = 1", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("erasure_request_head has no row: the migrations did not run");
                }
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
            }
        });
        long through = state[0];
        long last = state[1];
        if (last <= through) {
            return 0;
        }
        if (state[2] == 0) { // nobody to ask: past every placed event without reading them
            moveHead(last);
            return 0;
        }
        long upper = Math.min(last, through + limit);
        List<ErasedReceipt> erasures = new ArrayList<>();
        jdbc.prepareStatement("SELECT user_id, occurred_at, event_data FROM change_events WHERE position > ? AND position <= ? "
                + "AND event_type = 'user.anonymized' ORDER BY position", statement -> {
            statement.setLong(1, through);
            statement.setLong(2, upper);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Object receipt = decode(rows.getString(3)).get("receiptId");
                    if (receipt instanceof String id) {
                        erasures.add(new ErasedReceipt(UUID.fromString(id), new UserId(rows.getObject(1, UUID.class)),
                                rows.getObject(2, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return null;
        });
        requests.request(erasures);
        moveHead(upper);
        return (int) (upper - through);
    }

    private void moveHead(long position) {
        jdbc.prepareStatement("UPDATE erasure_request_head SET through_position = ? WHERE id = 1", statement -> {
            statement.setLong(1, position);
            return statement.executeUpdate();
        });
    }

    private Map<String, Object> decode(String text) {
        try {
            return json.readValue(text, DATA);
        } catch (IOException e) {
            throw new UncheckedIOException("stored change event data is not JSON", e);
        }
    }
}

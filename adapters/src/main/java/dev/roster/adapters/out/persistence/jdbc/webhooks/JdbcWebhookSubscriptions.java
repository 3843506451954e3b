package dev.roster.adapters.out.persistence.jdbc.webhooks;

import dev.roster.adapters.out.persistence.jdbc.SigningSecretColumns;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.model.webhooks.SigningSecrets;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.out.webhooks.DeliveryEndpoints;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link WebhookSubscriptions} in {@code webhook_subscriptions} (the rows of kind {@code WEBHOOK}; deleting one cascades
 * to its deliveries), and the {@link DeliveryEndpoints} of every kind: erasure recipients are rows of that table too
 * (V13), so that they share the deliveries, claims, retries and dispatcher.
 */
@Singleton
final class JdbcWebhookSubscriptions implements WebhookSubscriptions, DeliveryEndpoints {
    private static final String COLUMNS = "id, url, event_types, description, active, disabled_reason, "
            + SigningSecretColumns.NAMES + ", created_at, updated_at";
    /** The webhook subscriptions among the table's rows. */
    static final String WEBHOOKS = "kind = 'WEBHOOK'";

    private final JdbcOperations jdbc;

    JdbcWebhookSubscriptions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(WebhookSubscription subscription) {
        jdbc.prepareStatement("INSERT INTO webhook_subscriptions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, subscription.id());
            bind(statement, 2, subscription);
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean update(WebhookSubscription subscription) {
        return jdbc.prepareStatement("UPDATE webhook_subscriptions SET url = ?, event_types = ?, description = ?, active = ?, "
                + "disabled_reason = ?, secret = ?, previous_secret = ?, previous_secret_expires_at = ?, created_at = ?, "
                + "updated_at = ? WHERE id = ? AND " + WEBHOOKS, statement -> {
            bind(statement, 1, subscription);
            statement.setObject(11, subscription.id());
            return statement.executeUpdate() == 1;
        });
    }

    private static void bind(PreparedStatement statement, int first, WebhookSubscription subscription) throws SQLException {
        statement.setString(first, subscription.url().value());
        statement.setString(first + 1, encodeTypes(subscription.eventTypes()));
        statement.setString(first + 2, subscription.description().orElse(null));
        statement.setBoolean(first + 3, subscription.active());
        statement.setString(first + 4, subscription.disabledReason().orElse(null));
        SigningSecretColumns.bind(statement, first + 5, subscription.secrets());
        statement.setObject(first + 8, SqlTimestamps.of(subscription.createdAt()));
        statement.setObject(first + 9, SqlTimestamps.of(subscription.updatedAt()));
    }

    @Override
    public boolean remove(UUID id) {
        return jdbc.prepareStatement("DELETE FROM webhook_subscriptions WHERE id = ? AND " + WEBHOOKS, statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<WebhookSubscription> find(UUID id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = ? AND " + WEBHOOKS, statement -> {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        });
    }

    @Override
    public List<WebhookSubscription> list() {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE " + WEBHOOKS
                + " ORDER BY created_at, id", statement -> {
            List<WebhookSubscription> all = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    all.add(read(rows));
                }
            }
            return all;
        });
    }

    static String encodeTypes(Set<ChangeType> types) {
        return String.join(",", types.stream().map(ChangeType::wireName).sorted().toList());
    }

    static Set<ChangeType> decodeTypes(String text) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        if (text != null && !text.isEmpty()) {
            for (String name : text.split(",")) {
                types.add(ChangeType.fromWireName(name).orElseThrow(() -> new IllegalStateException("unknown change type " + name)));
            }
        }
        return types;
    }

    private static WebhookSubscription read(ResultSet row) throws SQLException {
        SigningSecrets secrets = SigningSecretColumns.read(row);
        return new WebhookSubscription(
                row.getObject("id", UUID.class),
                new WebhookUrl(row.getString("url")),
                decodeTypes(row.getString("event_types")),
                Optional.ofNullable(row.getString("description")),
                row.getBoolean("active"),
                Optional.ofNullable(row.getString("disabled_reason")),
                secrets.current(), secrets.previous(), secrets.previousExpiresAt(),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    @Override
    public List<DeliveryEndpoint> active() {
        return jdbc.prepareStatement("SELECT id, url, " + SigningSecretColumns.NAMES + " FROM webhook_subscriptions "
                + "WHERE active = TRUE ORDER BY created_at, id", statement -> {
            List<DeliveryEndpoint> endpoints = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    endpoints.add(new DeliveryEndpoint(rows.getObject("id", UUID.class), new WebhookUrl(rows.getString("url")),
                            SigningSecretColumns.read(rows)));
                }
            }
            return endpoints;
        });
    }

    @Override
    public boolean deactivateGone(UUID id, Instant now) {
        return jdbc.prepareStatement("UPDATE webhook_subscriptions SET active = FALSE, disabled_reason = ?, updated_at = ? "
                + "WHERE id = ? AND active = TRUE", statement -> {
            statement.setString(1, WebhookSubscription.GONE);
            statement.setObject(2, SqlTimestamps.of(now));
            statement.setObject(3, id);
            return statement.executeUpdate() == 1;
        });
    }
}

package dev.roster.adapters.out.persistence.jdbc.recipients;

import dev.roster.adapters.out.persistence.jdbc.SigningSecretColumns;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.out.recipients.ErasureRecipients;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ErasureRecipients} as the rows of kind {@code ERASURE_RECIPIENT} in {@code webhook_subscriptions} (V13): a
 * recipient is a receiver like a webhook subscription, so its deliveries live in {@code webhook_deliveries} (deleting
 * it cascades to them) and the webhook dispatcher sends them. Its {@code event_types} stay empty: the webhook enqueuer
 * reads only rows of kind {@code WEBHOOK}.
 */
@Singleton
final class JdbcErasureRecipients implements ErasureRecipients {
    static final String RECIPIENTS = "kind = 'ERASURE_RECIPIENT'";
    private static final String COLUMNS = "id, name, url, active, disabled_reason, " + SigningSecretColumns.NAMES
            + ", created_at, updated_at";

    private final JdbcOperations jdbc;

    JdbcErasureRecipients(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(ErasureRecipient recipient) {
        jdbc.prepareStatement("INSERT INTO webhook_subscriptions (" + COLUMNS + ", kind, event_types) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ERASURE_RECIPIENT', '')", statement -> {
            bind(statement, recipient);
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean update(ErasureRecipient recipient) {
        return jdbc.prepareStatement("UPDATE webhook_subscriptions SET id = ?, name = ?, url = ?, active = ?, disabled_reason = ?, "
                + "secret = ?, previous_secret = ?, previous_secret_expires_at = ?, created_at = ?, updated_at = ? "
                + "WHERE id = ? AND " + RECIPIENTS, statement -> {
            bind(statement, recipient);
            statement.setObject(11, recipient.id());
            return statement.executeUpdate() == 1;
        });
    }

    /** The ten columns of {@link #COLUMNS}, in that order. */
    private static void bind(PreparedStatement statement, ErasureRecipient recipient) throws SQLException {
        statement.setObject(1, recipient.id());
        statement.setString(2, recipient.name());
        statement.setString(3, recipient.url().value());
        statement.setBoolean(4, recipient.active());
        statement.setString(5, recipient.disabledReason().orElse(null));
        SigningSecretColumns.bind(statement, 6, recipient.secrets());
        statement.setObject(9, SqlTimestamps.of(recipient.createdAt()));
        statement.setObject(10, SqlTimestamps.of(recipient.updatedAt()));
    }

    @Override
    public boolean remove(UUID id) {
        return jdbc.prepareStatement("DELETE FROM webhook_subscriptions WHERE id = ? AND " + RECIPIENTS, statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<ErasureRecipient> find(UUID id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = ? AND " + RECIPIENTS, statement -> {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        });
    }

    @Override
    public List<ErasureRecipient> list() {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE " + RECIPIENTS
                + " ORDER BY created_at, id", statement -> {
            List<ErasureRecipient> all = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    all.add(read(rows));
                }
            }
            return all;
        });
    }

    private static ErasureRecipient read(ResultSet row) throws SQLException {
        return new ErasureRecipient(row.getObject("id", UUID.class), row.getString("name"), new WebhookUrl(row.getString("url")),
                row.getBoolean("active"), Optional.ofNullable(row.getString("disabled_reason")), SigningSecretColumns.read(row),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}

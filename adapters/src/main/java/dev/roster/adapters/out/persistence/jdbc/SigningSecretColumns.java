package dev.roster.adapters.out.persistence.jdbc;

import dev.roster.application.model.webhooks.SigningSecrets;
import dev.roster.application.model.webhooks.WebhookSecret;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The secret columns of {@code webhook_subscriptions}, the table of every receiver Roster signs for (webhook
 * subscriptions and erasure recipients, told apart by {@code kind}): {@code secret}, {@code previous_secret},
 * {@code previous_secret_expires_at}.
 */
public final class SigningSecretColumns {
    /** The three columns in the order {@link #bind} binds them. */
    public static final String NAMES = "secret, previous_secret, previous_secret_expires_at";

    private SigningSecretColumns() {
    }

    /** Binds the three columns from parameter {@code first} on. */
    public static void bind(PreparedStatement statement, int first, SigningSecrets secrets) throws SQLException {
        statement.setString(first, secrets.current().value());
        statement.setString(first + 1, secrets.previous().map(WebhookSecret::value).orElse(null));
        statement.setObject(first + 2, SqlTimestamps.of(secrets.previousExpiresAt().orElse(null)));
    }

    public static SigningSecrets read(ResultSet row) throws SQLException {
        return new SigningSecrets(new WebhookSecret(row.getString("secret")),
                Optional.ofNullable(row.getString("previous_secret")).map(WebhookSecret::new),
                Optional.ofNullable(row.getObject("previous_secret_expires_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }
}

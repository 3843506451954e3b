package dev.roster.application.port.in.recipients;

import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.webhooks.WebhookUrl;

import java.util.Objects;

/** {@code POST /api/v1/erasure-recipients}: a name for people, and where to send the erasure requests. */
public record CreateRecipientCommand(String name, WebhookUrl url) {
    public CreateRecipientCommand {
        name = ErasureRecipient.checkName(name);
        Objects.requireNonNull(url, "url");
    }
}

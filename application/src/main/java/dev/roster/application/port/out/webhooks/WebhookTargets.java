package dev.roster.application.port.out.webhooks;

import dev.roster.application.model.webhooks.WebhookUrl;

/** The SSRF rule at subscription time: which hosts webhooks may call. */
public interface WebhookTargets {

    /**
     * Refuses a URL whose host is, or resolves to, an internal address (unless the operator allows private targets).
     * A host that does not resolve now is accepted: the rule is applied again at every delivery.
     *
     * @throws dev.roster.application.model.webhooks.ForbiddenTargetException when it is refused
     */
    void requireAllowed(WebhookUrl url);
}

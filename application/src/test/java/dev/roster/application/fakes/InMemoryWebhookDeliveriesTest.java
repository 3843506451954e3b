package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.application.port.out.webhooks.WebhookDeliveriesContract;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;

class InMemoryWebhookDeliveriesTest extends WebhookDeliveriesContract {
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final InMemoryWebhookSubscriptions subscriptions = new InMemoryWebhookSubscriptions();
    private final InMemoryWebhookDeliveries deliveries = new InMemoryWebhookDeliveries(subscriptions);
    private final InMemoryTransactionBoundary transactions = new InMemoryTransactionBoundary(store);

    @Override
    protected WebhookDeliveries deliveries() {
        return deliveries;
    }

    @Override
    protected WebhookSubscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }
}

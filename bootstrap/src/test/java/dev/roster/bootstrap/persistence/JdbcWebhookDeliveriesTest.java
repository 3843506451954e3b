package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.application.port.out.webhooks.WebhookDeliveriesContract;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/**
 * The {@link WebhookDeliveries} contract against the JDBC adapter on the configured database (H2, or PostgreSQL in CI);
 * the dispatcher is off so that it claims nothing behind the contract's back.
 */
@MicronautTest(transactional = false)
@Property(name = "roster.webhooks.dispatcher-enabled", value = "false")
class JdbcWebhookDeliveriesTest extends WebhookDeliveriesContract {
    @Inject
    WebhookDeliveries deliveries;
    @Inject
    WebhookSubscriptions subscriptions;
    @Inject
    TransactionBoundary transactions;
    @Inject
    TestDatabase database;

    @Override
    protected void startEmpty() {
        database.clear();
    }

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

package dev.roster.application.service.webhooks;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.webhooks.CreateWebhookCommand;
import dev.roster.application.port.in.webhooks.DeliveryNotFoundException;
import dev.roster.application.port.in.webhooks.DeliveryNotRetryableException;
import dev.roster.application.port.in.webhooks.DeliveryPage;
import dev.roster.application.port.in.webhooks.ListDeliveriesQuery;
import dev.roster.application.port.in.webhooks.ManageWebhooksUseCase;
import dev.roster.application.port.in.webhooks.PingWebhookUseCase;
import dev.roster.application.port.in.webhooks.RotateWebhookSecretUseCase;
import dev.roster.application.port.in.webhooks.UpdateWebhookCommand;
import dev.roster.application.port.in.webhooks.WebhookDeliveriesUseCase;
import dev.roster.application.port.in.webhooks.WebhookNotFoundException;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;
import dev.roster.application.port.out.webhooks.WebhookTargets;
import dev.roster.application.service.audit.Auditor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Webhook subscriptions and their deliveries as administrators see them: create (checked against the SSRF rule),
 * change, delete, rotate the secret, ping, list deliveries, retry one. Each write is one transaction and is audited
 * with the subscription's id, never its secret or its URL.
 */
public final class WebhookService implements ManageWebhooksUseCase, RotateWebhookSecretUseCase, PingWebhookUseCase,
        WebhookDeliveriesUseCase {
    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookTargets targets;
    private final TransactionBoundary transactions;
    private final Auditor auditor;
    private final Clock clock;
    private final SecureRandom random;

    public WebhookService(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookTargets targets,
                          TransactionBoundary transactions, Auditor auditor, Clock clock, SecureRandom random) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public WebhookSubscription create(CreateWebhookCommand command) {
        targets.requireAllowed(command.url()); // resolves the host: outside the transaction
        Instant now = now();
        WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID(), command.url(), command.eventTypes(),
                command.description(), true, Optional.empty(), WebhookSecret.generate(random), Optional.empty(),
                Optional.empty(), now, now);
        transactions.inTransaction(() -> {
            subscriptions.add(subscription);
            auditor.record(AuditAction.WEBHOOK_CREATED, null, Map.of("webhookId", subscription.id().toString(),
                    "eventTypes", names(subscription.eventTypes())));
        });
        return subscription;
    }

    @Override
    public List<WebhookSubscription> list() {
        return transactions.readOnly(subscriptions::list);
    }

    @Override
    public WebhookSubscription get(UUID id) {
        return transactions.readOnly(() -> subscriptions.find(id)).orElseThrow(WebhookNotFoundException::new);
    }

    @Override
    public WebhookSubscription update(UpdateWebhookCommand command) {
        command.url().ifPresent(targets::requireAllowed);
        return transactions.inTransaction(() -> {
            WebhookSubscription current = subscriptions.find(command.id()).orElseThrow(WebhookNotFoundException::new);
            WebhookUrl url = command.url().orElse(current.url());
            Set<ChangeType> types = command.eventTypes().orElse(current.eventTypes());
            Optional<String> description = command.description().applyTo(current.description());
            boolean active = command.active().orElse(current.active());
            WebhookSubscription changed = current.changed(url, types, description, active, now());
            List<String> fields = new ArrayList<>();
            if (!url.equals(current.url())) {
                fields.add("url");
            }
            if (!types.equals(current.eventTypes())) {
                fields.add("eventTypes");
            }
            if (!description.equals(current.description())) {
                fields.add("description");
            }
            if (active != current.active()) {
                fields.add("active");
            }
            if (fields.isEmpty()) {
                return current;
            }
            subscriptions.update(changed);
            Map<String, String> details = new TreeMap<>(Map.of("webhookId", current.id().toString(), "changed", String.join(",", fields)));
            if (active != current.active()) {
                details.put("active", Boolean.toString(active));
            }
            auditor.record(AuditAction.WEBHOOK_UPDATED, null, details);
            return changed;
        });
    }

    @Override
    public void delete(UUID id) {
        transactions.inTransaction(() -> {
            if (!subscriptions.remove(id)) {
                throw new WebhookNotFoundException();
            }
            auditor.record(AuditAction.WEBHOOK_DELETED, null, Map.of("webhookId", id.toString()));
        });
    }

    @Override
    public WebhookSubscription rotate(UUID id) {
        return transactions.inTransaction(() -> {
            WebhookSubscription current = subscriptions.find(id).orElseThrow(WebhookNotFoundException::new);
            WebhookSubscription rotated = current.rotated(WebhookSecret.generate(random), now());
            subscriptions.update(rotated);
            auditor.record(AuditAction.WEBHOOK_SECRET_ROTATED, null, Map.of("webhookId", id.toString()));
            return rotated;
        });
    }

    @Override
    public WebhookDelivery ping(UUID subscriptionId) {
        return transactions.inTransaction(() -> {
            subscriptions.find(subscriptionId).orElseThrow(WebhookNotFoundException::new);
            Instant now = now();
            UUID id = UUID.randomUUID();
            return deliveries.add(WebhookDelivery.due(id, subscriptionId, WebhookMessage.ping(id, now, subscriptionId), now));
        });
    }

    @Override
    public DeliveryPage list(ListDeliveriesQuery query) {
        return transactions.readOnly(() -> {
            subscriptions.find(query.subscriptionId()).orElseThrow(WebhookNotFoundException::new);
            List<WebhookDelivery> rows = deliveries.list(query.subscriptionId(), query.status(), query.before(), query.limit() + 1);
            boolean more = rows.size() > query.limit();
            List<WebhookDelivery> page = more ? rows.subList(0, query.limit()) : rows;
            return new DeliveryPage(page, more ? OptionalLong.of(page.get(page.size() - 1).sequence()) : OptionalLong.empty());
        });
    }

    @Override
    public WebhookDelivery retry(UUID subscriptionId, UUID deliveryId) {
        return transactions.inTransaction(() -> {
            subscriptions.find(subscriptionId).orElseThrow(WebhookNotFoundException::new);
            WebhookDelivery delivery = deliveries.find(subscriptionId, deliveryId).orElseThrow(DeliveryNotFoundException::new);
            if (delivery.status() == DeliveryStatus.DELIVERED) {
                throw new DeliveryNotRetryableException();
            }
            WebhookDelivery due = delivery.retryNow(now());
            deliveries.update(due);
            return due;
        });
    }

    private static String names(Set<ChangeType> types) {
        return types.isEmpty() ? "*" : String.join(",", types.stream().map(ChangeType::wireName).sorted().toList());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

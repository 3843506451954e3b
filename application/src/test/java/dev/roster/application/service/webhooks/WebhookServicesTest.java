package dev.roster.application.service.webhooks;

import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.fakes.InMemoryWebhookDeliveries;
import dev.roster.application.fakes.InMemoryWebhookSubscriptions;
import dev.roster.application.fakes.SettableClock;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeEvent;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.ForbiddenTargetException;
import dev.roster.application.model.webhooks.InvalidWebhookException;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.webhooks.CreateWebhookCommand;
import dev.roster.application.port.in.webhooks.DeliveryNotRetryableException;
import dev.roster.application.port.in.webhooks.UpdateWebhookCommand;
import dev.roster.application.port.in.webhooks.WebhookNotFoundException;
import dev.roster.application.port.out.webhooks.WebhookMetrics;
import dev.roster.application.port.out.webhooks.WebhookSender;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.Change;
import dev.roster.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link WebhookService} and {@link WebhookDispatchService} over in-memory fakes, a fixed clock and a scripted sender. */
class WebhookServicesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId ADA = new UserId(UUID.fromString("019b76da-a800-7000-8000-00000000a0a0"));

    private InMemoryAuditLog auditLog;
    private InMemoryWebhookSubscriptions subscriptions;
    private InMemoryWebhookDeliveries deliveries;
    private WebhookService service;
    private WebhookDispatchService dispatch;
    private final List<String> sent = new ArrayList<>();
    private final List<List<WebhookSecret>> signedWith = new ArrayList<>();
    private Function<WebhookMessage, WebhookSender.Result> receiver = message -> WebhookSender.Result.answered(200);
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<Duration> latencies = new ArrayList<>();
    private final SettableClock clock = new SettableClock(NOW);

    @BeforeEach
    void wire() {
        InMemoryUserStore store = new InMemoryUserStore();
        InMemoryTransactionBoundary transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        subscriptions = new InMemoryWebhookSubscriptions();
        deliveries = new InMemoryWebhookDeliveries(subscriptions);
        Auditor auditor = new Auditor(auditLog, new InMemoryChangeEventLog(store), new FixedActor(), clock);
        service = new WebhookService(subscriptions, deliveries, url -> {
            if (url.host().endsWith(".internal")) {
                throw new ForbiddenTargetException();
            }
        }, transactions, auditor, clock, new SecureRandom());
        WebhookSender sender = (url, message, secrets, sentAt) -> {
            sent.add(message.type() + "@" + message.position().orElse(0));
            signedWith.add(secrets);
            return receiver.apply(message);
        };
        WebhookMetrics metrics = new WebhookMetrics() {
            @Override
            public void delivered(Optional<Duration> sinceCommit) {
                delivered.incrementAndGet();
                sinceCommit.ifPresent(latencies::add);
            }

            @Override
            public void retried() {
                retried.incrementAndGet();
            }

            @Override
            public void failed() {
                failed.incrementAndGet();
            }
        };
        dispatch = new WebhookDispatchService(subscriptions, deliveries, sender, metrics,
                new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.2, new Random(7)), transactions, clock,
                Duration.ofSeconds(60));
    }

    private WebhookSubscription subscribe(Set<ChangeType> types) {
        return service.create(new CreateWebhookCommand(new WebhookUrl("https://hooks.example.com/x?token=t"), types, Optional.empty()));
    }

    private void event(long position, ChangeType type, UserId user) {
        deliveries.enqueue(new StoredChangeEvent(position, new ChangeEvent(UUID.randomUUID(), type, NOW, user, Map.of("status", "ACTIVE"))), clock.instant());
    }

    /** One dispatcher round for the subscription: claim what is due, attempt each. */
    private int round(WebhookSubscription subscription) {
        List<WebhookDelivery> claimed = dispatch.claim(subscription.id(), 10);
        claimed.forEach(delivery -> dispatch.attempt(subscriptions.find(subscription.id()).orElseThrow().endpoint(), delivery));
        return claimed.size();
    }

    @Nested
    class Subscriptions {
        @Test
        void aNewSubscriptionIsActiveWithAStandardWebhooksSecretAndIsAuditedWithoutSecretOrUrl() {
            WebhookSubscription created = subscribe(Set.of());
            assertThat(created.active()).isTrue();
            assertThat(created.secret().value()).matches("^whsec_[A-Za-z0-9+/]{43}=$");
            assertThat(created.secret().key()).hasSize(32);
            assertThat(auditLog.events()).singleElement().satisfies(stored -> {
                assertThat(stored.event().action()).isEqualTo(AuditAction.WEBHOOK_CREATED);
                assertThat(stored.event().details()).containsEntry("webhookId", created.id().toString());
                assertThat(stored.toString()).doesNotContain(created.secret().value()).doesNotContain("token=t");
            });
        }

        @Test
        void anInternalTargetIsRefusedAndNothingIsStored() {
            assertThatThrownBy(() -> service.create(new CreateWebhookCommand(new WebhookUrl("http://metadata.internal/"), Set.of(), Optional.empty())))
                    .isInstanceOf(ForbiddenTargetException.class);
            assertThat(service.list()).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void anUpdateChangesOnlyWhatItNamesAndAnEmptyOneWritesNothing() {
            WebhookSubscription created = subscribe(Set.of(ChangeType.USER_CREATED));
            WebhookSubscription changed = service.update(new UpdateWebhookCommand(created.id(), Optional.empty(), Optional.empty(),
                    Change.set("billing"), Optional.of(false)));
            assertThat(changed.description()).contains("billing");
            assertThat(changed.active()).isFalse();
            assertThat(changed.eventTypes()).containsExactly(ChangeType.USER_CREATED);
            service.update(new UpdateWebhookCommand(created.id(), Optional.empty(), Optional.empty(), Change.keep(), Optional.empty()));
            assertThat(auditLog.events()).extracting(e -> e.event().action())
                    .containsExactly(AuditAction.WEBHOOK_CREATED, AuditAction.WEBHOOK_UPDATED);
        }

        @Test
        void rotationKeepsThePreviousSecretSigningFor24Hours() {
            WebhookSubscription created = subscribe(Set.of());
            WebhookSubscription rotated = service.rotate(created.id());
            assertThat(rotated.signingSecrets(NOW)).containsExactly(rotated.secret(), created.secret());
            assertThat(rotated.signingSecrets(NOW.plus(Duration.ofHours(24)))).containsExactly(rotated.secret());
            assertThat(auditLog.events()).extracting(e -> e.event().action()).contains(AuditAction.WEBHOOK_SECRET_ROTATED);
        }

        @Test
        void unknownIdsAreNotFound() {
            UUID nobody = UUID.randomUUID();
            assertThatThrownBy(() -> service.get(nobody)).isInstanceOf(WebhookNotFoundException.class);
            assertThatThrownBy(() -> service.delete(nobody)).isInstanceOf(WebhookNotFoundException.class);
            assertThatThrownBy(() -> service.ping(nobody)).isInstanceOf(WebhookNotFoundException.class);
        }

        @Test
        void urlsAreHttpOrHttpsWithAHostAndNoUserInfo() {
            for (String bad : List.of("ftp://h.example.com/", "https://u:p@h.example.com/", "mailto:a@b.c", "https:///x",
                    "https://h.example.com/#f", "https://h.example.com/" + "a".repeat(2000), "not a url")) {
                assertThatThrownBy(() -> new WebhookUrl(bad)).as(bad).isInstanceOf(InvalidWebhookException.class);
            }
            assertThat(new WebhookUrl("https://h.example.com:8443/p?token=x").redacted()).isEqualTo("https://h.example.com:8443/p");
        }
    }

    @Nested
    class Dispatch {
        @Test
        void aDeliveredEventCountsItsLatencySinceTheCommit() {
            WebhookSubscription subscription = subscribe(Set.of());
            event(1, ChangeType.USER_CREATED, ADA);
            clock.set(NOW.plusMillis(300));
            assertThat(round(subscription)).isEqualTo(1);
            assertThat(deliveries.all()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastStatus()).hasValue(200);
            });
            assertThat(latencies).containsExactly(Duration.ofMillis(300));
        }

        @Test
        void onlyTheTypesASubscriptionWantsAreEnqueued() {
            subscribe(Set.of(ChangeType.USER_DELETED));
            event(1, ChangeType.USER_CREATED, ADA);
            event(2, ChangeType.USER_DELETED, ADA);
            assertThat(deliveries.all()).extracting(d -> d.message().type()).containsExactly("user.deleted");
        }

        @Test
        void failuresAreRetriedOnTheScheduleWithJitterThenTheDeliveryFails() {
            receiver = message -> WebhookSender.Result.answered(503);
            WebhookSubscription subscription = subscribe(Set.of());
            event(1, ChangeType.USER_CREATED, ADA);
            round(subscription);
            WebhookDelivery once = deliveries.all().get(0);
            assertThat(once.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(Duration.between(NOW, once.nextAttemptAt().orElseThrow())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
            assertThat(round(subscription)).as("not due yet").isZero();
            clock.set(once.nextAttemptAt().orElseThrow());
            round(subscription);
            WebhookDelivery twice = deliveries.all().get(0);
            assertThat(Duration.between(clock.instant(), twice.nextAttemptAt().orElseThrow())).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
            clock.set(twice.nextAttemptAt().orElseThrow());
            round(subscription);
            WebhookDelivery last = deliveries.all().get(0);
            assertThat(last.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(last.attempts()).isEqualTo(3);
            assertThat(last.nextAttemptAt()).isEmpty();
            assertThat(last.lastError()).contains("http-status");
            assertThat(retried.get()).isEqualTo(2);
            assertThat(failed.get()).isEqualTo(1);

            receiver = message -> WebhookSender.Result.answered(200);
            WebhookDelivery again = service.retry(subscription.id(), last.id());
            assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(again.attempts()).isZero();
            round(subscription);
            assertThat(deliveries.all().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThatThrownBy(() -> service.retry(subscription.id(), last.id())).isInstanceOf(DeliveryNotRetryableException.class);
        }

        @Test
        void a410FailsTheDeliveryAndDeactivatesTheSubscription() {
            receiver = message -> WebhookSender.Result.answered(410);
            WebhookSubscription subscription = subscribe(Set.of());
            event(1, ChangeType.USER_CREATED, ADA);
            round(subscription);
            assertThat(deliveries.all().get(0).status()).isEqualTo(DeliveryStatus.FAILED);
            WebhookSubscription after = service.get(subscription.id());
            assertThat(after.active()).isFalse();
            assertThat(after.disabledReason()).contains(WebhookSubscription.GONE);
            assertThat(dispatch.activeEndpoints()).isEmpty();
        }

        @Test
        void aUsersNextEventWaitsUntilTheEarlierOneIsDelivered() {
            AtomicInteger refusals = new AtomicInteger(1);
            receiver = message -> message.position().getAsLong() == 1 && refusals.getAndDecrement() > 0
                    ? WebhookSender.Result.noAnswer("timeout") : WebhookSender.Result.answered(200);
            WebhookSubscription subscription = subscribe(Set.of());
            event(1, ChangeType.USER_CREATED, ADA);
            event(2, ChangeType.USER_UPDATED, ADA);
            event(3, ChangeType.USER_CREATED, new UserId(UUID.fromString("019b76da-a800-7000-8000-00000000b0b0")));
            round(subscription);
            assertThat(sent).containsExactly("user.created@1", "user.created@3");
            clock.set(NOW.plusSeconds(10));
            round(subscription);
            round(subscription);
            assertThat(sent).containsExactly("user.created@1", "user.created@3", "user.created@1", "user.updated@2");
        }

        @Test
        void aPingIsDeliveredSignedWithBothSecretsDuringARotation() {
            WebhookSubscription subscription = subscribe(Set.of(ChangeType.USER_PURGED));
            service.rotate(subscription.id());
            WebhookDelivery ping = service.ping(subscription.id());
            assertThat(ping.message().isPing()).isTrue();
            assertThat(ping.message().eventId()).isEqualTo(ping.id());
            round(subscription);
            assertThat(sent).containsExactly("webhook.ping@0");
            assertThat(signedWith.get(0)).hasSize(2);
            assertThat(latencies).isEmpty();
            assertThat(delivered.get()).isEqualTo(1);
        }
    }
}

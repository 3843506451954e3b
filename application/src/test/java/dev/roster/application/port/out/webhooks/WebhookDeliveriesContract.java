package dev.roster.application.port.out.webhooks;

import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link WebhookDeliveries} (with its {@link WebhookSubscriptions}) must do: the in-memory fake and JDBC. */
public abstract class WebhookDeliveriesContract {
    protected static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
    private static final UserId ADA = new UserId(UUID.fromString("019b76da-a800-7000-8000-00000000a0a0"));
    private static final UserId BOB = new UserId(UUID.fromString("019b76da-a800-7000-8000-00000000b0b0"));

    protected abstract WebhookDeliveries deliveries();

    protected abstract WebhookSubscriptions subscriptions();

    protected abstract TransactionBoundary transactions();

    /** Runs before each test, before the contract adds its subscription (a database adapter empties its tables here). */
    protected void startEmpty() {
    }

    private UUID subscription;

    @BeforeEach
    void aSubscription() {
        startEmpty();
        subscription = subscribe(true);
    }

    private UUID subscribe(boolean active) {
        UUID id = UUID.randomUUID();
        WebhookSubscription created = new WebhookSubscription(id, new WebhookUrl("https://hooks.example.com/" + id), Set.of(ChangeType.USER_CREATED),
                Optional.of("contract"), active, Optional.empty(), new WebhookSecret("whsec_" + "A".repeat(43) + "="),
                Optional.empty(), Optional.empty(), T0, T0);
        transactions().inTransaction(() -> subscriptions().add(created));
        return id;
    }

    private WebhookDelivery add(UUID to, long position, UserId user, Instant due) {
        WebhookMessage message = new WebhookMessage(UUID.randomUUID(), "user.updated", OptionalLong.of(position), T0, Optional.of(user),
                Map.of("status", "ACTIVE", "roles", List.of("USER")));
        return transactions().inTransaction(() -> deliveries().add(WebhookDelivery.due(UUID.randomUUID(), to, message, due)));
    }

    private List<WebhookDelivery> claim(Instant now) {
        return transactions().inTransaction(() -> deliveries().claimDue(subscription, now, now.plus(Duration.ofMinutes(1)), 10));
    }

    @Test
    void aStoredDeliveryIsFoundAsItWasAddedWithAnAscendingSequence() {
        WebhookDelivery first = add(subscription, 1, ADA, T0);
        WebhookDelivery second = add(subscription, 2, BOB, T0);
        assertThat(second.sequence()).isGreaterThan(first.sequence()).isPositive();
        assertThat(transactions().readOnly(() -> deliveries().find(subscription, first.id()))).contains(first);
        UUID other = subscribe(true);
        assertThat(transactions().readOnly(() -> deliveries().find(other, first.id()))).isEmpty();
    }

    @Test
    void aPingWithoutPositionOrUserIsStoredToo() {
        UUID id = UUID.randomUUID();
        WebhookDelivery ping = transactions().inTransaction(() -> deliveries().add(
                WebhookDelivery.due(id, subscription, WebhookMessage.ping(id, T0, subscription), T0)));
        assertThat(transactions().readOnly(() -> deliveries().find(subscription, id))).contains(ping);
    }

    @Test
    void anUpdateStoresTheAttemptsOutcome() {
        WebhookDelivery added = add(subscription, 1, ADA, T0);
        WebhookDelivery retried = added.attemptFailed(OptionalInt.of(503), "http-status", T0.plusSeconds(1), Optional.of(T0.plusSeconds(6)));
        assertThat(transactions().inTransaction(() -> deliveries().update(retried))).isTrue();
        assertThat(transactions().readOnly(() -> deliveries().find(subscription, added.id()))).contains(retried);
        WebhookDelivery delivered = retried.delivered(204, T0.plusSeconds(7));
        transactions().inTransaction(() -> deliveries().update(delivered));
        assertThat(transactions().readOnly(() -> deliveries().find(subscription, added.id()))).contains(delivered);
    }

    @Test
    void theListIsNewestFirstPerStatusAndBeforeASequence() {
        WebhookDelivery a = add(subscription, 1, ADA, T0);
        WebhookDelivery b = add(subscription, 2, BOB, T0);
        WebhookDelivery c = add(subscription, 3, ADA, T0);
        add(subscribe(true), 4, ADA, T0);
        transactions().inTransaction(() -> deliveries().update(b.delivered(200, T0)));
        assertThat(transactions().readOnly(() -> deliveries().list(subscription, Optional.empty(), OptionalLong.empty(), 10)))
                .extracting(WebhookDelivery::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(transactions().readOnly(() -> deliveries().list(subscription, Optional.of(DeliveryStatus.PENDING), OptionalLong.empty(), 10)))
                .extracting(WebhookDelivery::id).containsExactly(c.id(), a.id());
        assertThat(transactions().readOnly(() -> deliveries().list(subscription, Optional.empty(), OptionalLong.of(c.sequence()), 1)))
                .extracting(WebhookDelivery::id).containsExactly(b.id());
    }

    @Test
    void aClaimTakesDueDeliveriesInPositionOrderAndLeasesThem() {
        WebhookDelivery later = add(subscription, 5, BOB, T0);
        WebhookDelivery earlier = add(subscription, 3, ADA, T0);
        add(subscription, 7, BOB, T0.plusSeconds(60)); // not due yet (and behind Bob's 5)
        assertThat(claim(T0)).extracting(WebhookDelivery::id).containsExactly(earlier.id(), later.id());
        assertThat(claim(T0.plusSeconds(1))).as("leased").isEmpty();
        assertThat(transactions().readOnly(() -> deliveries().find(subscription, earlier.id())).orElseThrow().nextAttemptAt())
                .contains(T0.plus(Duration.ofMinutes(1)));
        assertThat(claim(T0.plus(Duration.ofMinutes(1)))).as("the lease ran out").hasSize(2);
    }

    @Test
    void aUsersLaterDeliveryWaitsWhileAnEarlierOneIsPendingButNotBehindAFailedOne() {
        WebhookDelivery first = add(subscription, 1, ADA, T0.plusSeconds(300)); // retrying, due later
        WebhookDelivery second = add(subscription, 2, ADA, T0);
        WebhookDelivery other = add(subscription, 3, BOB, T0);
        assertThat(claim(T0)).extracting(WebhookDelivery::id).containsExactly(other.id());
        transactions().inTransaction(() -> deliveries().update(first.attemptFailed(OptionalInt.of(500), "http-status", T0, Optional.empty())));
        assertThat(claim(T0)).extracting(WebhookDelivery::id).containsExactly(second.id());
    }

    @Test
    void theEarliestDueAndTheQueueDepthCountPendingDeliveriesOfActiveSubscriptionsOnly() {
        add(subscription, 1, ADA, T0.plusSeconds(30));
        add(subscription, 2, BOB, T0.plusSeconds(10));
        WebhookDelivery done = add(subscription, 3, BOB, T0);
        transactions().inTransaction(() -> deliveries().update(done.delivered(200, T0)));
        add(subscribe(false), 4, ADA, T0);
        assertThat(transactions().readOnly(() -> deliveries().earliestDue())).contains(T0.plusSeconds(10));
        assertThat(transactions().readOnly(() -> deliveries().countDue(T0.plusSeconds(20)))).isEqualTo(1);
        assertThat(transactions().readOnly(() -> deliveries().countDue(T0.plusSeconds(30)))).isEqualTo(2);
    }

    @Test
    void removingASubscriptionRemovesItsDeliveries() {
        WebhookDelivery added = add(subscription, 1, ADA, T0);
        assertThat(transactions().inTransaction(() -> subscriptions().remove(subscription))).isTrue();
        assertThat(transactions().readOnly(() -> deliveries().find(subscription, added.id()))).isEmpty();
        assertThat(transactions().inTransaction(() -> subscriptions().remove(subscription))).isFalse();
    }

    @Test
    void aSubscriptionIsStoredWithItsSecretsAndChanges() {
        WebhookSubscription stored = transactions().readOnly(() -> subscriptions().find(subscription)).orElseThrow();
        WebhookSubscription rotated = stored.rotated(new WebhookSecret("whsec_" + "B".repeat(43) + "="), T0.plusSeconds(5));
        assertThat(transactions().inTransaction(() -> subscriptions().update(rotated))).isTrue();
        assertThat(transactions().readOnly(() -> subscriptions().find(subscription))).contains(rotated);
        assertThat(transactions().readOnly(() -> subscriptions().list())).contains(rotated);
    }
}

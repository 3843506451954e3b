package dev.roster.application.service.recipients;

import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.HmacWebhookSignatures;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryErasureReceiptRepository;
import dev.roster.application.fakes.InMemoryErasureRecipients;
import dev.roster.application.fakes.InMemoryErasureRequests;
import dev.roster.application.fakes.InMemoryEventSequencer;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.fakes.InMemoryWebhookDeliveries;
import dev.roster.application.fakes.InMemoryWebhookSubscriptions;
import dev.roster.application.fakes.SettableClock;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.recipients.ConfirmationCounts;
import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.model.recipients.ErasureConfirmation;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.model.recipients.RecipientStatus;
import dev.roster.application.model.recipients.RecipientStatuses;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.ForbiddenTargetException;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.recipients.BackfillErasureRequestsUseCase.Backfill;
import dev.roster.application.port.in.recipients.ConfirmationRefusedException;
import dev.roster.application.port.in.recipients.ConfirmationRefusedException.Reason;
import dev.roster.application.port.in.recipients.CreateRecipientCommand;
import dev.roster.application.port.in.recipients.ErasureNotPendingException;
import dev.roster.application.port.in.recipients.RecipientInactiveException;
import dev.roster.application.port.in.recipients.RecipientNotFoundException;
import dev.roster.application.port.in.recipients.SignedRequest;
import dev.roster.application.port.out.recipients.ErasureConfirmationListener;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The erasure-recipient services over in-memory fakes, a clock the tests move, and signatures made from the spec. */
class ErasureRecipientServicesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(7);

    private InMemoryAuditLog auditLog;
    private InMemoryWebhookSubscriptions subscriptions;
    private InMemoryWebhookDeliveries deliveries;
    private InMemoryErasureRecipients recipientStore;
    private InMemoryErasureRequests requestStore;
    private InMemoryErasureReceiptRepository receipts;
    private InMemoryEventSequencer sequencer;
    private InMemoryTransactionBoundary transactions;
    private ErasureRecipientService recipients;
    private ErasureRequestService requests;
    private ErasureConfirmationService confirmations;
    private final List<UUID> completed = new ArrayList<>();
    private boolean listenerFails;
    private final SettableClock clock = new SettableClock(NOW);

    @BeforeEach
    void wire() {
        InMemoryUserStore store = new InMemoryUserStore();
        transactions = new InMemoryTransactionBoundary(store);
        auditLog = new InMemoryAuditLog(store);
        subscriptions = new InMemoryWebhookSubscriptions();
        deliveries = new InMemoryWebhookDeliveries(subscriptions);
        recipientStore = new InMemoryErasureRecipients(subscriptions);
        requestStore = new InMemoryErasureRequests(store, deliveries);
        receipts = new InMemoryErasureReceiptRepository(store);
        InMemoryChangeEventLog changes = new InMemoryChangeEventLog(store);
        sequencer = new InMemoryEventSequencer(changes);
        Auditor auditor = new Auditor(auditLog, changes, new FixedActor(), clock);
        ErasureConfirmationListener listener = receipt -> {
            if (listenerFails) {
                throw new IllegalStateException("listener failed");
            }
            completed.add(receipt);
        };
        recipients = new ErasureRecipientService(recipientStore, requestStore, deliveries, url -> {
            if (url.host().endsWith(".internal")) {
                throw new ForbiddenTargetException();
            }
        }, sequencer, List.of(listener), transactions, auditor, clock, new SecureRandom());
        requests = new ErasureRequestService(recipientStore, requestStore, receipts, deliveries, transactions, clock, WINDOW);
        confirmations = new ErasureConfirmationService(recipientStore, requestStore, new HmacWebhookSignatures(), List.of(listener),
                transactions, auditor, clock);
    }

    private ErasureRecipient register(String name) {
        return recipients.create(new CreateRecipientCommand(name, new WebhookUrl("https://" + name + ".example.com/erasures?token=t")));
    }

    /** A stored receipt, as the erasure would have stored it. */
    private ErasedReceipt erased(Instant at) {
        UserId user = new UserId(UUID.randomUUID());
        ErasureReceipt receipt = new ErasureReceipt(UUID.randomUUID(), user, Optional.empty(), at, List.of("email"), Map.of("files", 0L));
        transactions.inTransaction(() -> receipts.add(receipt));
        ErasedReceipt erased = new ErasedReceipt(receipt.id(), user, at);
        requestStore.issued(erased);
        return erased;
    }

    private List<AuditEvent> audited(AuditAction action) {
        return auditLog.events().stream().map(stored -> stored.event()).filter(event -> event.action() == action).toList();
    }

    private SignedRequest signed(ErasureRecipient recipient, String body, Instant at) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        return new SignedRequest(Optional.of(id), Optional.of(Long.toString(at.getEpochSecond())),
                Optional.of(HmacWebhookSignatures.sign(recipient.secrets().current(), id, at.getEpochSecond(), bytes)), bytes);
    }

    /** The body reader of the HTTP adapter, for a body that names the user only. */
    private static Function<byte[], ErasureConfirmation> confirming(UserId user, Map<String, Long> counts) {
        return body -> new ErasureConfirmation(user, NOW.minusSeconds(60), counts);
    }

    private ErasureRequest confirm(ErasureRecipient recipient, UserId user, Map<String, Long> counts) {
        return confirmations.confirm(recipient.id(), signed(recipient, "{}", clock.instant()), confirming(user, counts));
    }

    @Nested
    class Requests {
        @Test
        void everyActiveRecipientIsAskedOnceWithASignedDeliveryThatCarriesTheUserIdAlone() {
            ErasureRecipient orders = register("orders");
            ErasureRecipient billing = register("billing");
            ErasedReceipt erasure = erased(NOW.minusSeconds(5));
            assertThat(requests.request(List.of(erasure))).isEqualTo(2);
            assertThat(requests.request(List.of(erasure))).as("none twice").isZero();

            assertThat(requestStore.all()).extracting(ErasureRequest::recipientId).containsExactlyInAnyOrder(orders.id(), billing.id());
            assertThat(deliveries.all()).hasSize(2).allSatisfy(delivery -> {
                assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
                assertThat(delivery.message().type()).isEqualTo("user.erasure_requested");
                assertThat(delivery.message().position()).isEmpty();
                assertThat(delivery.message().userId()).contains(erasure.userId());
                assertThat(delivery.message().occurredAt()).isEqualTo(erasure.erasedAt());
                assertThat(delivery.message().data()).isEqualTo(Map.of("receiptId", erasure.receiptId().toString()));
            });
            assertThat(deliveries.all()).extracting(d -> d.message().eventId()).doesNotHaveDuplicates();
        }

        @Test
        void anInactiveRecipientIsNotAsked() {
            ErasureRecipient gone = register("gone");
            subscriptions.deactivateGone(gone.id(), NOW);
            assertThat(requests.request(List.of(erased(NOW)))).isZero();
        }

        @Test
        void aReceiptWhoseRequestsAreNotMadeYetListsTheActiveRecipientsAsAboutToBeAsked() {
            ErasureRecipient orders = register("orders");
            ErasedReceipt erasure = erased(NOW);
            requestStore.awaiting(erasure.receiptId(), true);
            RecipientStatuses before = requests.statuses(erasure.receiptId());
            assertThat(before.recipients()).singleElement().satisfies(status -> {
                assertThat(status.recipientId()).isEqualTo(orders.id());
                assertThat(status.status()).isEqualTo(RecipientStatus.Status.PENDING);
                assertThat(status.requestedAt()).isEmpty();
                assertThat(status.overdue()).isFalse();
            });
            assertThat(before.allConfirmed()).isFalse();

            requests.request(List.of(erasure));
            requestStore.awaiting(erasure.receiptId(), false);
            assertThat(requests.statuses(erasure.receiptId()).recipients()).singleElement()
                    .satisfies(status -> assertThat(status.requestedAt()).contains(NOW));
        }

        @Test
        void aReceiptNobodyWasAskedAboutIsAllConfirmedAndAnUnknownOneNotFound() {
            register("orders"); // registered after the erasure was placed: not asked
            ErasedReceipt erasure = erased(NOW);
            assertThat(requests.statuses(erasure.receiptId()).recipients()).isEmpty();
            assertThat(requests.statuses(erasure.receiptId()).allConfirmed()).isTrue();
            assertThatThrownBy(() -> requests.statuses(UUID.randomUUID())).isInstanceOf(ReceiptNotFoundException.class);
        }

        @Test
        void aRecipientIsOverdueOnceTheWindowHasPassedWithoutItsConfirmation() {
            ErasureRecipient orders = register("orders");
            ErasedReceipt erasure = erased(NOW);
            requests.request(List.of(erasure));
            RecipientStatus fresh = requests.statuses(erasure.receiptId()).recipients().get(0);
            assertThat(fresh.dueAt()).contains(NOW.plus(WINDOW));
            assertThat(fresh.overdue()).isFalse();
            clock.set(NOW.plus(WINDOW).plusSeconds(1));
            assertThat(requests.statuses(erasure.receiptId()).recipients().get(0).overdue()).isTrue();
            assertThat(requests.counts()).isEqualTo(new ConfirmationCounts(1, 1, 0));
            confirm(orders, erasure.userId(), Map.of());
            assertThat(requests.statuses(erasure.receiptId()).recipients().get(0).overdue()).isFalse();
            assertThat(requests.counts()).isEqualTo(new ConfirmationCounts(0, 0, 0));
        }

        @Test
        void aRequestWhoseDeliveryGaveUpIsFailedUntilItIsConfirmed() {
            ErasureRecipient orders = register("orders");
            ErasedReceipt erasure = erased(NOW);
            requests.request(List.of(erasure));
            WebhookDelivery delivery = deliveries.all().get(0);
            deliveries.update(delivery.attemptFailed(java.util.OptionalInt.of(500), "http-status", NOW, Optional.empty()));
            assertThat(requests.statuses(erasure.receiptId()).recipients().get(0).status()).isEqualTo(RecipientStatus.Status.FAILED);
            assertThat(requests.counts()).isEqualTo(new ConfirmationCounts(0, 0, 1));
            confirm(orders, erasure.userId(), Map.of("orders", 2L));
            RecipientStatus confirmed = requests.statuses(erasure.receiptId()).recipients().get(0);
            assertThat(confirmed.status()).isEqualTo(RecipientStatus.Status.CONFIRMED);
            assertThat(confirmed.confirmation().orElseThrow().counts()).isEqualTo(Map.of("orders", 2L));
        }
    }

    @Nested
    class Confirmations {
        ErasureRecipient orders;
        ErasedReceipt erasure;

        @BeforeEach
        void askedOnce() {
            orders = register("orders");
            erasure = erased(NOW);
            requests.request(List.of(erasure));
        }

        private void assertRefused(SignedRequest request, Reason reason) {
            int before = audited(AuditAction.ERASURE_CONFIRMATION_REFUSED).size();
            assertThatThrownBy(() -> confirmations.confirm(orders.id(), request, body -> {
                throw new AssertionError("the body is read only after the signature holds");
            })).isInstanceOfSatisfying(ConfirmationRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
            List<AuditEvent> refusals = audited(AuditAction.ERASURE_CONFIRMATION_REFUSED);
            assertThat(refusals).hasSize(before + 1);
            assertThat(refusals.get(refusals.size() - 1).details())
                    .isEqualTo(Map.of("recipientId", orders.id().toString(), "reason", reason.wireName()));
            assertThat(requestStore.all()).noneMatch(ErasureRequest::confirmed);
        }

        @Test
        void everyBadSignatureIsRefusedAndAuditedBeforeTheBodyIsRead() {
            SignedRequest good = signed(orders, "{}", NOW);
            byte[] body = good.body();
            assertRefused(new SignedRequest(Optional.empty(), good.timestamp(), good.signature(), body), Reason.MISSING_HEADERS);
            assertRefused(new SignedRequest(good.id(), Optional.empty(), good.signature(), body), Reason.MISSING_HEADERS);
            assertRefused(new SignedRequest(good.id(), good.timestamp(), Optional.empty(), body), Reason.MISSING_HEADERS);
            assertRefused(new SignedRequest(good.id(), Optional.of("soon"), good.signature(), body), Reason.MALFORMED_HEADERS);
            assertRefused(new SignedRequest(Optional.of("a b"), good.timestamp(), good.signature(), body), Reason.MALFORMED_HEADERS);
            assertRefused(new SignedRequest(Optional.of("x".repeat(257)), good.timestamp(), good.signature(), body), Reason.MALFORMED_HEADERS);
            assertRefused(signed(orders, "{}", NOW.minusSeconds(301)), Reason.STALE_TIMESTAMP);
            assertRefused(signed(orders, "{}", NOW.plusSeconds(301)), Reason.STALE_TIMESTAMP);
            assertRefused(new SignedRequest(good.id(), good.timestamp(), good.signature(), "{ }".getBytes(StandardCharsets.UTF_8)),
                    Reason.BAD_SIGNATURE);
            ErasureRecipient other = register("other");
            assertRefused(signed(other, "{}", NOW), Reason.BAD_SIGNATURE);
        }

        @Test
        void aSignatureWithinFiveMinutesIsAccepted() {
            assertThat(confirmations.confirm(orders.id(), signed(orders, "{}", NOW.minusSeconds(300)), confirming(erasure.userId(), Map.of()))
                    .confirmed()).isTrue();
        }

        @Test
        void anUnknownRecipientIsRefused() {
            UUID stranger = UUID.randomUUID();
            assertThatThrownBy(() -> confirmations.confirm(stranger, signed(orders, "{}", NOW), confirming(erasure.userId(), Map.of())))
                    .isInstanceOfSatisfying(ConfirmationRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_RECIPIENT));
            assertThat(audited(AuditAction.ERASURE_CONFIRMATION_REFUSED)).singleElement()
                    .satisfies(event -> assertThat(event.details()).containsEntry("recipientId", stranger.toString()));
        }

        @Test
        void aConfirmationIsRecordedAuditedAndReportedAndARepeatChangesNothing() {
            clock.set(NOW.plusSeconds(30));
            ErasureRequest confirmed = confirm(orders, erasure.userId(), Map.of("orders", 3L, "tickets", 1L));
            assertThat(confirmed.confirmation()).hasValueSatisfying(c -> {
                assertThat(c.confirmedAt()).isEqualTo(NOW.plusSeconds(30));
                assertThat(c.erasedAt()).isEqualTo(NOW.minusSeconds(60));
                assertThat(c.counts()).isEqualTo(Map.of("orders", 3L, "tickets", 1L));
            });
            assertThat(completed).containsExactly(erasure.receiptId());
            assertThat(audited(AuditAction.ERASURE_CONFIRMED)).singleElement().satisfies(event -> {
                assertThat(event.target()).contains(erasure.userId());
                assertThat(event.details()).containsEntry("recipientId", orders.id().toString())
                        .containsEntry("receipt", erasure.receiptId().toString()).containsEntry("counts", "orders=3,tickets=1");
            });

            clock.set(NOW.plusSeconds(90));
            ErasureRequest again = confirm(orders, erasure.userId(), Map.of("orders", 9L));
            assertThat(again).isEqualTo(confirmed);
            assertThat(completed).hasSize(1);
            assertThat(audited(AuditAction.ERASURE_CONFIRMED)).hasSize(1);
        }

        @Test
        void aUserTheRecipientWasNeverAskedAboutIsNotPending() {
            assertThatThrownBy(() -> confirm(orders, new UserId(UUID.randomUUID()), Map.of())).isInstanceOf(ErasureNotPendingException.class);
        }

        @Test
        void theListenerHearsOfAReceiptOnlyWhenItsLastRecipientConfirms() {
            ErasureRecipient billing = register("billing");
            ErasedReceipt second = erased(NOW);
            requests.request(List.of(second));
            confirm(orders, second.userId(), Map.of());
            assertThat(completed).isEmpty();
            confirm(billing, second.userId(), Map.of());
            assertThat(completed).containsExactly(second.receiptId());
        }

        @Test
        void aFailingListenerRollsTheConfirmationBack() {
            listenerFails = true;
            assertThatThrownBy(() -> confirm(orders, erasure.userId(), Map.of())).isInstanceOf(IllegalStateException.class);
            assertThat(requestStore.all()).noneMatch(ErasureRequest::confirmed);
            listenerFails = false;
            confirm(orders, erasure.userId(), Map.of());
            assertThat(completed).containsExactly(erasure.receiptId());
        }

        @Test
        void thePreviousSecretVerifiesFor24HoursAfterARotation() {
            ErasureRecipient before = orders;
            recipients.rotate(orders.id());
            clock.set(NOW.plus(Duration.ofHours(23)));
            assertThat(confirmations.confirm(orders.id(), signed(before, "{}", clock.instant()), confirming(erasure.userId(), Map.of())).confirmed()).isTrue();
            clock.set(NOW.plus(Duration.ofHours(24)));
            assertThatThrownBy(() -> confirmations.confirm(orders.id(), signed(before, "{}", clock.instant()), confirming(erasure.userId(), Map.of())))
                    .isInstanceOf(ConfirmationRefusedException.class);
            ErasureRecipient rotated = recipients.get(orders.id());
            assertThat(confirmations.confirm(orders.id(), signed(rotated, "{}", clock.instant()), confirming(erasure.userId(), Map.of())).confirmed()).isTrue();
        }
    }

    @Nested
    class Management {
        @Test
        void anInternalTargetIsRefusedBeforeAnythingIsStored() {
            assertThatThrownBy(() -> recipients.create(new CreateRecipientCommand("metadata", new WebhookUrl("http://metadata.internal/"))))
                    .isInstanceOf(ForbiddenTargetException.class);
            assertThat(recipients.list()).isEmpty();
            assertThat(auditLog.events()).isEmpty();
        }

        @Test
        void registeringIsAuditedWithTheIdOnly() {
            ErasureRecipient orders = register("orders");
            assertThat(orders.active()).isTrue();
            assertThat(subscriptions.active()).extracting(endpoint -> endpoint.id()).containsExactly(orders.id());
            assertThat(audited(AuditAction.ERASURE_RECIPIENT_CREATED)).singleElement()
                    .satisfies(event -> assertThat(event.details()).isEqualTo(Map.of("recipientId", orders.id().toString())));
        }

        @Test
        void deletingWithdrawsWhatWasNotConfirmedKeepsConfirmationsAndReportsReceiptsLeftWithNone() {
            ErasureRecipient orders = register("orders");
            ErasureRecipient billing = register("billing");
            ErasedReceipt erasure = erased(NOW);
            requests.request(List.of(erasure));
            confirm(orders, erasure.userId(), Map.of());
            int links = sequencer.linkCalls();
            int holds = requestStore.holds();

            recipients.delete(billing.id());
            assertThat(sequencer.linkCalls()).as("pending erasures asked first").isEqualTo(links + 1);
            assertThat(requestStore.holds()).isEqualTo(holds + 1);
            assertThat(requestStore.all()).extracting(ErasureRequest::recipientId).containsExactly(orders.id());
            assertThat(deliveries.all()).allMatch(delivery -> delivery.subscriptionId().equals(orders.id()));
            assertThat(completed).containsExactly(erasure.receiptId());
            assertThat(audited(AuditAction.ERASURE_RECIPIENT_DELETED)).singleElement().satisfies(event -> assertThat(event.details())
                    .isEqualTo(Map.of("recipientId", billing.id().toString(), "withdrawnRequests", "1")));
            assertThatThrownBy(() -> recipients.delete(billing.id())).isInstanceOf(RecipientNotFoundException.class);
        }
    }

    @Nested
    class Backfills {
        @Test
        void everyReceiptSinceTheInstantIsAskedAboutInBatchesAndARepeatAsksNothing() {
            for (int i = 0; i < 450; i++) {
                erased(NOW.minus(Duration.ofDays(10)).plusSeconds(i));
            }
            erased(NOW.minus(Duration.ofDays(30)));
            ErasureRecipient orders = register("orders");
            assertThat(recipients.backfill(orders.id(), NOW.minus(Duration.ofDays(11)))).isEqualTo(new Backfill(450, 0));
            assertThat(requestStore.all()).hasSize(450);
            assertThat(deliveries.all()).hasSize(450).allMatch(d -> d.message().type().equals(ErasureRequest.MESSAGE_TYPE));
            assertThat(audited(AuditAction.ERASURE_RECIPIENT_BACKFILLED)).extracting(e -> e.details().get("requested"))
                    .containsExactly("200", "200", "50");
            assertThat(requestStore.holds()).as("the pass over failed requests, then a batch of 200, 200 and 50").isEqualTo(4);
            assertThat(recipients.backfill(orders.id(), NOW.minus(Duration.ofDays(11)))).isEqualTo(new Backfill(0, 0));
        }

        @Test
        void failedRequestsSinceTheInstantAreMadeDueAgain() {
            ErasureRecipient orders = register("orders");
            ErasedReceipt erasure = erased(NOW);
            requests.request(List.of(erasure));
            WebhookDelivery delivery = deliveries.all().get(0);
            deliveries.update(delivery.attemptFailed(java.util.OptionalInt.empty(), "timeout", NOW, Optional.empty()));
            clock.set(NOW.plusSeconds(60));
            assertThat(recipients.backfill(orders.id(), NOW.minusSeconds(1))).isEqualTo(new Backfill(0, 1));
            assertThat(deliveries.all().get(0).status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(deliveries.all().get(0).nextAttemptAt()).contains(NOW.plusSeconds(60));
        }

        @Test
        void anInactiveOrUnknownRecipientIsNotBackfilled() {
            ErasureRecipient gone = register("gone");
            subscriptions.deactivateGone(gone.id(), NOW);
            assertThatThrownBy(() -> recipients.backfill(gone.id(), NOW)).isInstanceOf(RecipientInactiveException.class);
            assertThatThrownBy(() -> recipients.backfill(UUID.randomUUID(), NOW)).isInstanceOf(RecipientNotFoundException.class);
        }
    }
}

package dev.roster.adapters.in.http.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.webhooks.DeliveryPage;
import dev.roster.domain.user.UserId;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The bodies the webhook endpoints answer with. The secret appears only in {@link CreatedWebhookResponse}. */
final class WebhookResponses {
    static final String CURSOR_PREFIX = "1|";

    private WebhookResponses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WebhookResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id,
                           @Schema(format = "uri", maxLength = WebhookUrl.MAX_LENGTH) String url,
                           @ArraySchema(maxItems = 17, schema = @Schema(maxLength = 64, pattern = WebhookRequests.TYPE_PATTERN, description = "A change type (see ChangeType), e.g. user.deleted."),
                                   arraySchema = @Schema(description = "Empty: every type.")) List<String> eventTypes,
                           @Schema(maxLength = WebhookSubscription.MAX_DESCRIPTION, nullable = true) String description,
                           @Schema(description = "false: nothing is enqueued or sent (deactivated by PATCH or by a 410 answer).") boolean active,
                           @Schema(maxLength = 32, nullable = true, description = "gone when Roster deactivated it after a 410 answer.") String disabledReason,
                           @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true,
                                   description = "Until when the previous secret signs beside the current one (24 h after a rotation).") Instant previousSecretExpiresAt,
                           @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant createdAt,
                           @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant updatedAt) {
        static WebhookResponse of(WebhookSubscription subscription, Instant now) {
            return new WebhookResponse(subscription.id(), subscription.url().value(),
                    subscription.eventTypes().stream().map(ChangeType::wireName).sorted().toList(),
                    subscription.description().orElse(null), subscription.active(), subscription.disabledReason().orElse(null),
                    subscription.previousSecretExpiresAt().filter(now::isBefore).orElse(null),
                    subscription.createdAt(), subscription.updatedAt());
        }
    }

    /** On creation and rotation only: the subscription and its secret, which is never shown again. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreatedWebhookResponse(@Schema(implementation = WebhookResponse.class) WebhookResponse webhook,
                                  @Schema(maxLength = 100, pattern = "^whsec_[A-Za-z0-9+/]+={0,2}$",
                                          description = "whsec_ and the standard base64 of 32 random bytes: the Standard Webhooks "
                                                  + "signing secret. Shown only in this answer; store it now.") String secret) {
        static CreatedWebhookResponse of(WebhookSubscription subscription, Instant now) {
            return new CreatedWebhookResponse(WebhookResponse.of(subscription, now), subscription.secret().value());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WebhookListResponse(@ArraySchema(maxItems = Integer.MAX_VALUE) List<WebhookResponse> items) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id,
                            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "The webhook-id header: the change event's id (a ping's own).") UUID eventId,
                            @Schema(maxLength = 64, description = "A change type, or webhook.ping.") String eventType,
                            @Schema(minimum = "1", maximum = ApiDoc.MAX_LONG, nullable = true, description = "The event's feed position (null for a ping).") Long position,
                            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, nullable = true) UUID userId,
                            @Schema(allowableValues = {"pending", "delivered", "failed"}) String status,
                            @Schema(minimum = "0", maximum = ApiDoc.MAX_INT) int attempts,
                            @Schema(minimum = "100", maximum = "599", nullable = true, description = "The receiver's last HTTP status.") Integer lastStatus,
                            @Schema(maxLength = 64, nullable = true, description = "Why the last attempt failed: timeout, connection-failed, "
                                    + "dns-failure, forbidden-target, tls-failed, io-error, redirect-not-followed, http-status or gone.") String lastError,
                            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true, description = "When a pending delivery is due (a lease ahead while an attempt is in flight).") Instant nextAttemptAt,
                            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true) Instant lastAttemptAt,
                            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true) Instant deliveredAt,
                            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant createdAt) {
        static DeliveryResponse of(WebhookDelivery delivery) {
            return new DeliveryResponse(delivery.id(), delivery.message().eventId(), delivery.message().type(),
                    delivery.message().position().isPresent() ? delivery.message().position().getAsLong() : null,
                    delivery.message().userId().map(UserId::value).orElse(null), delivery.status().wireName(),
                    delivery.attempts(), delivery.lastStatus().isPresent() ? delivery.lastStatus().getAsInt() : null,
                    delivery.lastError().orElse(null), delivery.nextAttemptAt().orElse(null), delivery.lastAttemptAt().orElse(null),
                    delivery.deliveredAt().orElse(null), delivery.createdAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryPageResponse(@ArraySchema(maxItems = 100) List<DeliveryResponse> items,
                                @Schema(maxLength = 200, pattern = "^[A-Za-z0-9_-]+$", nullable = true,
                                        description = "Pass as cursor for the next (older) page; null on the last page.") String nextCursor) {
        static DeliveryPageResponse of(DeliveryPage page) {
            return new DeliveryPageResponse(page.items().stream().map(DeliveryResponse::of).toList(),
                    page.next().isPresent() ? cursor(page.next().getAsLong()) : null);
        }
    }

    static String cursor(long sequence) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + sequence).getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence a cursor stands for; -1 when it is not one of ours. */
    static long sequenceOf(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                return -1;
            }
            long sequence = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
            return sequence > 0 ? sequence : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}

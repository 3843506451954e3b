package dev.roster.adapters.in.http.recipients;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.application.model.recipients.ErasureConfirmation;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.recipients.CreateRecipientCommand;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The bodies the erasure-recipient endpoints read, and their translation into commands (every rejected field at once). */
final class RecipientRequests {
    /** How far in the future a recipient's erasedAt may be (its clock may run ahead of Roster's). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private RecipientRequests() {
    }

    /** {@code POST /api/v1/erasure-recipients} */
    @Serdeable
    @Schema(requiredProperties = {"name", "url"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record CreateRecipientRequest(
            @Schema(minLength = 1, maxLength = ErasureRecipient.MAX_NAME, description = "For people: the service, e.g. orders. "
                    + "Shown on erasure receipts.") @Nullable String name,
            @Schema(format = "uri", maxLength = WebhookUrl.MAX_LENGTH, description = "Where erasure requests are posted: an http "
                    + "or https URL without user info; its host must not be, or resolve to, a loopback, private, link-local or "
                    + "unique-local address.") @Nullable String url) {

        CreateRecipientCommand toCommand() {
            FieldErrors errors = new FieldErrors();
            String checkedName = errors.attempt(() -> ErasureRecipient.checkName(name));
            WebhookUrl parsedUrl = null;
            if (url == null) {
                errors.add("url", "is required");
            } else {
                parsedUrl = errors.attempt(() -> new WebhookUrl(url));
            }
            errors.throwIfAny();
            return new CreateRecipientCommand(checkedName, parsedUrl);
        }
    }

    /** {@code POST /api/v1/erasure-recipients/{id}/backfill} */
    @Serdeable
    @Schema(requiredProperties = {"since"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record BackfillRequest(@Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH,
            description = "Every erasure receipt issued at or after this instant is asked about.") @Nullable String since) {

        Instant toSince() {
            FieldErrors errors = new FieldErrors();
            Instant parsed = errors.instant("since", since);
            if (parsed == null && errors.isEmpty()) {
                errors.add("since", "is required");
            }
            errors.throwIfAny();
            return parsed;
        }
    }

    /** {@code POST /api/v1/erasure-recipients/{id}/confirmations} */
    @Serdeable
    @Schema(requiredProperties = {"userId", "erasedAt"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ConfirmationRequest(
            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "The userId of the erasure request.") @Nullable String userId,
            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH,
                    description = "When the recipient erased the user's data (at most 5 minutes ahead of Roster's clock).") @Nullable String erasedAt,
            @Schema(ref = ApiDoc.ERASED_COUNTS) @Nullable Map<String, Long> counts) {

        ErasureConfirmation toConfirmation(Instant now) {
            FieldErrors errors = new FieldErrors();
            UserId user = null;
            if (userId == null) {
                errors.add("userId", "is required");
            } else {
                user = errors.attemptAs("userId", () -> UserId.parse(userId));
            }
            Instant erased = errors.instant("erasedAt", erasedAt);
            if (erasedAt == null || erasedAt.isBlank()) {
                errors.add("erasedAt", "is required");
            } else if (erased != null && erased.isAfter(now.plus(CLOCK_SKEW))) {
                errors.add("erasedAt", "must not be in the future");
            }
            Map<String, Long> given = counts == null ? Map.of() : counts;
            if (given.size() > ErasureConfirmation.MAX_KINDS) {
                errors.add("counts", "must have at most " + ErasureConfirmation.MAX_KINDS + " kinds");
            }
            for (Map.Entry<String, Long> count : given.entrySet()) {
                if (!ErasureConfirmation.KIND.matcher(count.getKey()).matches()) {
                    errors.add("counts", "kinds are 1 to 64 of A-Z a-z 0-9 _ . -");
                    break;
                }
                if (count.getValue() == null || count.getValue() < 0) {
                    errors.add("counts", "counts are whole numbers from 0");
                    break;
                }
            }
            errors.throwIfAny();
            return new ErasureConfirmation(user, erased, given);
        }
    }

    static UUID recipientId(String text) {
        FieldErrors errors = new FieldErrors();
        if (text == null) {
            throw InvalidRequestException.of("id", "must be a UUID");
        }
        UserId parsed = errors.attemptAs("id", () -> UserId.parse(text));
        errors.throwIfAny();
        return parsed.value();
    }
}

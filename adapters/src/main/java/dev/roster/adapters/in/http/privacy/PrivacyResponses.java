package dev.roster.adapters.in.http.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.erasure.ErasureResponses.RecipientStatusResponse;
import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.recipients.RecipientStatuses;
import dev.roster.application.port.in.privacy.PrivacyRequestPage;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The bodies the privacy-request endpoints answer with, and the list's cursor. */
final class PrivacyResponses {
    private static final String CURSOR_PREFIX = "1|";
    private static final String INSTANT = "date-time";

    private PrivacyResponses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PrivacyRequestResponse(
            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id,
            @Schema(allowableValues = {"ACCESS", "PORTABILITY", "ERASURE", "RECTIFICATION", "RESTRICTION", "OBJECTION"}) String type,
            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID userId,
            @Schema(format = INSTANT, maxLength = ApiDoc.INSTANT_LENGTH) Instant receivedAt,
            @Schema(format = INSTANT, maxLength = ApiDoc.INSTANT_LENGTH, description = "receivedAt plus one calendar month in "
                    + "roster.privacy.zone (plus the extension's months).") Instant dueAt,
            @Schema(allowableValues = {"RECEIVED", "IN_PROGRESS", "EXTENDED", "COMPLETED", "REFUSED"}) String status,
            @Schema(description = "Open (RECEIVED, IN_PROGRESS, EXTENDED) and past its due date.") boolean overdue,
            @Schema(maxLength = PrivacyRequest.MAX_NOTE_LENGTH, nullable = true, description = "The note filed with the request.") @Nullable String note,
            @Schema(implementation = ExtensionResponse.class, nullable = true) @Nullable ExtensionResponse extension,
            @Schema(implementation = OutcomeResponse.class, nullable = true, description = "What was done; null until the request "
                    + "is IN_PROGRESS, COMPLETED or REFUSED.") @Nullable OutcomeResponse outcome,
            @ArraySchema(maxItems = Integer.MAX_VALUE, arraySchema = @Schema(description = "Every step: what, when, by whom (null: the system). "
                    + "No free text.")) List<StepResponse> history) {

        static PrivacyRequestResponse of(PrivacyRequest request, Instant now, Function<UUID, String> packageHref,
                                         Function<UUID, Optional<RecipientStatuses>> recipients) {
            return new PrivacyRequestResponse(request.id(), request.type().name(), request.userId().value(), request.receivedAt(),
                    request.dueAt(), request.status().name(), request.isOverdue(now), request.note().orElse(null),
                    request.extension().map(ExtensionResponse::of).orElse(null),
                    request.outcome().map(outcome -> OutcomeResponse.of(request.id(), outcome, packageHref, recipients)).orElse(null),
                    request.history().stream().map(StepResponse::of).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ExtensionResponse(@Schema(maxLength = PrivacyRequest.MAX_REASON_LENGTH) String reason,
                             @Schema(minimum = "1", maximum = "2") int months,
                             @Schema(format = INSTANT, maxLength = ApiDoc.INSTANT_LENGTH) Instant at,
                             @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, nullable = true) @Nullable UUID by) {
        static ExtensionResponse of(PrivacyRequest.Extension extension) {
            return new ExtensionResponse(extension.reason(), extension.months(), extension.at(),
                    extension.by().map(UserId::value).orElse(null));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OutcomeResponse(
            @Schema(format = INSTANT, maxLength = ApiDoc.INSTANT_LENGTH, nullable = true, description = "When it was completed or "
                    + "refused; null while IN_PROGRESS.") @Nullable Instant at,
            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, nullable = true) @Nullable UUID by,
            @Schema(maxLength = PrivacyRequest.MAX_NOTE_LENGTH, nullable = true, description = "What was done.") @Nullable String note,
            @Schema(maxLength = PrivacyRequest.MAX_REASON_LENGTH, nullable = true, description = "Why it was refused.") @Nullable String reason,
            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, nullable = true, description = "ERASURE: the erasure receipt "
                    + "(/api/v1/erasure-receipts/{id}).") @Nullable UUID receiptId,
            @Schema(implementation = PackageResponse.class, nullable = true, description = "ACCESS, PORTABILITY: the data package "
                    + "attached.") @Nullable PackageResponse dataPackage,
            @Schema(description = "RESTRICTION: the user was restricted.") boolean restricted,
            @ArraySchema(maxItems = Integer.MAX_VALUE, arraySchema = @Schema(nullable = true, description = "ERASURE, to staff: "
                    + "each erasure recipient asked about the erasure and where it stands; the request is COMPLETED only "
                    + "when every one has confirmed. null for the other types, in the person's own view, and in the list "
                    + "for requests not IN_PROGRESS (read the request or its receipt for those)."))
            @Nullable List<RecipientStatusResponse> recipients) {
        static OutcomeResponse of(UUID requestId, PrivacyRequest.Outcome outcome, Function<UUID, String> packageHref,
                                  Function<UUID, Optional<RecipientStatuses>> recipients) {
            return new OutcomeResponse(outcome.closedAt().orElse(null), outcome.closedBy().map(UserId::value).orElse(null),
                    outcome.note().orElse(null), outcome.refusalReason().orElse(null), outcome.receiptId().orElse(null),
                    outcome.packageGeneratedAt().map(at -> new PackageResponse(at, outcome.packageSize(), packageHref.apply(requestId)))
                            .orElse(null),
                    outcome.userRestricted(),
                    outcome.receiptId().flatMap(recipients)
                            .map(statuses -> statuses.recipients().stream().map(RecipientStatusResponse::of).toList()).orElse(null));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PackageResponse(@Schema(format = INSTANT, maxLength = ApiDoc.INSTANT_LENGTH) Instant generatedAt,
                           @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long sizeBytes,
                           @Schema(format = "uri-reference", maxLength = 200, description = "Where to download it (audited; "
                                   + "404 once the user's erasure removed it).") String href) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StepResponse(@Schema(allowableValues = {"received", "extended", "erasure_blocked", "in_progress", "completed", "refused"}) String action,
                        @Schema(format = INSTANT, maxLength = ApiDoc.INSTANT_LENGTH) Instant at,
                        @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, nullable = true) @Nullable UUID actorId,
                        @Schema(maxLength = 200, nullable = true, description = "From a fixed vocabulary: months=N, legal-hold, "
                                + "receipt=<id>, package, restricted.") @Nullable String detail) {
        static StepResponse of(PrivacyRequest.Step step) {
            return new StepResponse(step.action().wireName(), step.at(), step.actor().map(UserId::value).orElse(null),
                    step.detail().orElse(null));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PrivacyRequestPageResponse(@ArraySchema(maxItems = 500) List<PrivacyRequestResponse> items,
                                      @Schema(maxLength = 200, pattern = "^[A-Za-z0-9_-]+$", nullable = true,
                                              description = "Pass as cursor for the next page; null on the last page.") @Nullable String nextCursor) {
        static PrivacyRequestPageResponse of(PrivacyRequestPage page, Instant now, Function<UUID, String> packageHref,
                                             Function<UUID, Optional<RecipientStatuses>> recipients) {
            return new PrivacyRequestPageResponse(page.items().stream()
                    .map(request -> PrivacyRequestResponse.of(request, now, packageHref, recipients)).toList(),
                    page.next().map(PrivacyResponses::cursor).orElse(null));
        }
    }

    /** base64url of {@code 1|<dueAt in epoch microseconds>|<id>}: no personal data. */
    static String cursor(PrivacyRequestCursor cursor) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, cursor.dueAt());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + micros + "|" + cursor.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a list gave; empty when the text is not one. */
    static Optional<PrivacyRequestCursor> parseCursor(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (!decoded.startsWith(CURSOR_PREFIX)) {
                return Optional.empty();
            }
            String[] parts = decoded.substring(CURSOR_PREFIX.length()).split("\\|", -1);
            if (parts.length != 2 || parts[1].length() != ApiDoc.UUID_LENGTH) {
                return Optional.empty();
            }
            Instant dueAt = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            return Optional.of(new PrivacyRequestCursor(dueAt, UserId.parse(parts[1]).value()));
        } catch (RuntimeException e) { // not base64, not a number, not a UUID, out of the instant range
            return Optional.empty();
        }
    }
}

package dev.roster.adapters.in.http.webhooks;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.webhooks.CreateWebhookCommand;
import dev.roster.application.port.in.webhooks.UpdateWebhookCommand;
import dev.roster.domain.user.Change;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The bodies the webhook endpoints read, and their translation into commands (every rejected field at once). */
final class WebhookRequests {
    /** Every change type's wire name, for error messages (derived, so that a new type cannot be missing). */
    static final String KNOWN_TYPES = java.util.Arrays.stream(ChangeType.values()).map(ChangeType::wireName)
            .collect(java.util.stream.Collectors.joining(", "));
    /** A change type's wire name as the API document describes it. */
    static final String TYPE_PATTERN = "^[a-z_]{1,20}\\.[a-z_]{1,40}$";

    private WebhookRequests() {
    }

    /** {@code POST /api/v1/webhooks} */
    @Serdeable
    @Schema(requiredProperties = {"url"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record CreateWebhookRequest(
            @Schema(format = "uri", maxLength = WebhookUrl.MAX_LENGTH, description = "An http or https URL without user info; "
                    + "its host must not be, or resolve to, a loopback, private, link-local or unique-local address.") @Nullable String url,
            @ArraySchema(maxItems = 17, uniqueItems = true, schema = @Schema(maxLength = 64, pattern = TYPE_PATTERN, description = "A change type (see ChangeType), e.g. user.deleted."),
                    arraySchema = @Schema(description = "The change types to receive; absent or empty: all.")) @Nullable List<String> eventTypes,
            @Schema(maxLength = WebhookSubscription.MAX_DESCRIPTION, nullable = true) @Nullable String description) {

        CreateWebhookCommand toCommand() {
            FieldErrors errors = new FieldErrors();
            WebhookUrl parsedUrl = null;
            if (url == null) {
                errors.add("url", "is required");
            } else {
                parsedUrl = attempt(errors, () -> new WebhookUrl(url));
            }
            Set<ChangeType> types = eventTypes == null ? Set.of() : types(errors, eventTypes);
            if (description != null) {
                attempt(errors, () -> {
                    WebhookSubscription.checkDescription(description);
                    return description;
                });
            }
            errors.throwIfAny();
            return new CreateWebhookCommand(parsedUrl, types, Optional.ofNullable(description));
        }
    }

    /** A JSON merge patch (RFC 7396) of url, eventTypes, description (null clears it) and active. */
    static UpdateWebhookCommand toUpdate(UUID id, JsonNode patch) {
        FieldErrors errors = new FieldErrors();
        if (patch == null || !patch.isObject()) {
            errors.add("body", "must be a JSON object");
            errors.throwIfAny();
        }
        Optional<WebhookUrl> url = Optional.empty();
        Optional<Set<ChangeType>> types = Optional.empty();
        Change<String> description = Change.keep();
        Optional<Boolean> active = Optional.empty();
        for (Map.Entry<String, JsonNode> member : patch.entries()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            switch (name) {
                case "url" -> {
                    if (!value.isString()) {
                        errors.add(name, value.isNull() ? "cannot be removed" : "must be a string");
                    } else {
                        url = Optional.ofNullable(attempt(errors, () -> new WebhookUrl(value.getStringValue())));
                    }
                }
                case "eventTypes" -> {
                    if (!value.isArray()) {
                        errors.add(name, value.isNull() ? "cannot be removed (send [] for all types)" : "must be an array of event types");
                    } else {
                        java.util.ArrayList<String> names = new java.util.ArrayList<>();
                        boolean strings = true;
                        for (JsonNode element : value.values()) {
                            if (!element.isString()) {
                                strings = false;
                                break;
                            }
                            names.add(element.getStringValue());
                        }
                        if (!strings) {
                            errors.add(name, "must be an array of event types");
                        } else {
                            types = Optional.of(types(errors, names));
                        }
                    }
                }
                case "description" -> {
                    if (value.isNull()) {
                        description = Change.clear();
                    } else if (!value.isString()) {
                        errors.add(name, "must be a string or null");
                    } else {
                        String text = value.getStringValue();
                        if (attempt(errors, () -> {
                            WebhookSubscription.checkDescription(text);
                            return text;
                        }) != null) {
                            description = Change.set(text);
                        }
                    }
                }
                case "active" -> {
                    if (!value.isBoolean()) {
                        errors.add(name, value.isNull() ? "cannot be removed" : "must be true or false");
                    } else {
                        active = Optional.of(value.getBooleanValue());
                    }
                }
                default -> errors.add(name, "is not a known field (url, eventTypes, description, active)");
            }
        }
        errors.throwIfAny();
        return new UpdateWebhookCommand(id, url, types, description, active);
    }

    private static Set<ChangeType> types(FieldErrors errors, List<String> names) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        for (String name : names) {
            Optional<ChangeType> known = name == null ? Optional.empty() : ChangeType.fromWireName(name);
            if (known.isEmpty()) {
                errors.add("eventTypes", "lists an unknown event type (known: " + KNOWN_TYPES + ")");
                return Set.of();
            }
            types.add(known.get());
        }
        return types;
    }

    private static <T> T attempt(FieldErrors errors, java.util.function.Supplier<T> parse) {
        return errors.attempt(parse);
    }
}

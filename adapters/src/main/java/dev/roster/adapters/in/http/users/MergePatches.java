package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.domain.user.AttributeChanges;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Change;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.ProfileChange;
import io.micronaut.json.tree.JsonNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON merge patch (RFC 7396) of the editable profile: {@code email}, {@code displayName}, {@code phone},
 * {@code attributes} (merged key by key; {@code null} removes). Any other member is rejected, so a patch can never
 * reach roles, status, password or timestamps (no mass assignment).
 */
public final class MergePatches {
    private static final Set<String> EDITABLE = Set.of("email", "displayName", "phone", "attributes");
    /** What a user may change about itself: not the email (its login name), nor anything about access. */
    private static final Set<String> SELF_EDITABLE = Set.of("displayName", "phone", "attributes");

    private MergePatches() {
    }

    public static ProfileChange toProfileChange(JsonNode patch) {
        return toProfileChange(patch, EDITABLE);
    }

    /** A patch of one's own profile ({@code PATCH /api/v1/me}). */
    public static ProfileChange toSelfProfileChange(JsonNode patch) {
        return toProfileChange(patch, SELF_EDITABLE);
    }

    private static ProfileChange toProfileChange(JsonNode patch, Set<String> editable) {
        if (patch == null || !patch.isObject()) {
            throw InvalidRequestException.of("body", "a merge patch must be a JSON object");
        }
        FieldErrors errors = new FieldErrors();
        Optional<Email> email = Optional.empty();
        Change<DisplayName> displayName = Change.keep();
        Change<Phone> phone = Change.keep();
        AttributeChanges attributes = AttributeChanges.none();
        for (Map.Entry<String, JsonNode> member : patch.entries()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (!editable.contains(name)) {
                errors.add(name, "is not a field that can be changed here");
                continue;
            }
            switch (name) {
                case "email" -> {
                    if (!value.isString()) {
                        errors.add(name, value.isNull() ? "cannot be removed" : "must be a string");
                    } else {
                        email = Optional.ofNullable(errors.attempt(() -> new Email(value.getStringValue())));
                    }
                }
                case "displayName" -> displayName = optionalText(name, value, errors, DisplayName::new);
                case "phone" -> phone = optionalText(name, value, errors, Phone::new);
                case "attributes" -> attributes = attributeChanges(value, errors);
                default -> throw new IllegalStateException("unhandled editable field " + name);
            }
        }
        errors.throwIfAny();
        return new ProfileChange(email, displayName, phone, attributes);
    }

    private static <T> Change<T> optionalText(String name, JsonNode value, FieldErrors errors,
                                              java.util.function.Function<String, T> parse) {
        if (value.isNull()) {
            return Change.clear();
        }
        if (!value.isString()) {
            errors.add(name, "must be a string or null");
            return Change.keep();
        }
        T parsed = errors.attempt(() -> parse.apply(value.getStringValue()));
        return parsed == null ? Change.keep() : Change.set(parsed);
    }

    private static AttributeChanges attributeChanges(JsonNode value, FieldErrors errors) {
        if (value.isNull()) {
            return AttributeChanges.clearAll();
        }
        if (!value.isObject()) {
            errors.add("attributes", "must be an object or null");
            return AttributeChanges.none();
        }
        Map<String, String> upserts = new HashMap<>();
        Set<String> removals = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : value.entries()) {
            String key = entry.getKey();
            if (errors.attempt(() -> {
                Attributes.checkKey(key);
                return key;
            }) == null) {
                continue;
            }
            if (entry.getValue().isNull()) {
                removals.add(key);
            } else if (entry.getValue().isString()) {
                upserts.put(key, entry.getValue().getStringValue());
            } else {
                errors.add("attributes." + key, "must be a string or null");
            }
        }
        return new AttributeChanges(false, upserts, removals);
    }
}

package dev.roster.application.model.events;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One committed change to a user, as the feed and the webhooks publish it. {@code data} never holds personal data:
 * only statuses, role names, field names and counts. Its values are strings, numbers, booleans or lists of strings,
 * so that every store and every consumer can represent them.
 */
public record ChangeEvent(UUID id, ChangeType type, Instant occurredAt, UserId userId, Map<String, Object> data) {
    public ChangeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(userId, "userId");
        data = copyOf(Objects.requireNonNull(data, "data"));
    }

    private static Map<String, Object> copyOf(Map<String, Object> data) {
        Map<String, Object> copy = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            Objects.requireNonNull(key, "data key");
            if (value instanceof List<?> list) {
                List<String> strings = new ArrayList<>(list.size());
                for (Object element : list) {
                    if (!(element instanceof String text)) {
                        throw new IllegalArgumentException("change event data lists hold strings only: " + key);
                    }
                    strings.add(text);
                }
                copy.put(key, List.copyOf(strings));
            } else if (value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Boolean) {
                copy.put(key, value instanceof Integer number ? Long.valueOf(number) : value);
            } else {
                throw new IllegalArgumentException("unsupported change event data value for " + key);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}

package dev.roster.domain.user;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Changes to a user's attributes as a JSON merge patch expresses them: optionally drop every entry first, then
 * remove some keys and put others.
 */
public record AttributeChanges(boolean replaceAll, Map<String, String> upserts, Set<String> removals) {

    public AttributeChanges {
        upserts = Map.copyOf(Objects.requireNonNull(upserts, "upserts"));
        removals = Set.copyOf(Objects.requireNonNull(removals, "removals"));
    }

    public static AttributeChanges none() {
        return new AttributeChanges(false, Map.of(), Set.of());
    }

    public static AttributeChanges clearAll() {
        return new AttributeChanges(true, Map.of(), Set.of());
    }

    public static AttributeChanges replaceWith(Attributes attributes) {
        return new AttributeChanges(true, attributes.asMap(), Set.of());
    }

    public boolean isEmpty() {
        return !replaceAll && upserts.isEmpty() && removals.isEmpty();
    }

    @Override
    public String toString() {
        return "AttributeChanges[replaceAll=" + replaceAll + ", upserts=" + upserts.size() + ", removals=" + removals.size() + "]";
    }
}

package dev.roster.application.model.users;

import dev.roster.domain.user.Attributes;

import java.util.Objects;

/** Matches users whose attribute {@code key} equals {@code value} exactly. */
public record AttributeFilter(String key, String value) {
    public AttributeFilter {
        Attributes.checkKey(key);
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "AttributeFilter[key=" + key + "]";
    }
}

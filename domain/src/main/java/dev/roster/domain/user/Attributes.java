package dev.roster.domain.user;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Custom fields of a user: at most 50 entries; keys are 1..64 characters of {@code [A-Za-z0-9_.-]} (so that
 * {@code attr=key:value} filters are unambiguous), values at most 1000 characters of free text: TAB, LF and CR are
 * allowed (an address or a note may run over lines), other control characters and unpaired surrogates are not
 * ({@link StoredText#isMultiLine}). Values may be personal data and are never printed.
 */
public final class Attributes {
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 1000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_KEY_LENGTH + "}");
    private static final Attributes NONE = new Attributes(new TreeMap<>());

    private final SortedMap<String, String> entries;

    private Attributes(SortedMap<String, String> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    public static Attributes none() {
        return NONE;
    }

    public static Attributes of(Map<String, String> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidUserDataException("attributes", "must have at most " + MAX_ENTRIES + " entries");
        }
        SortedMap<String, String> copy = new TreeMap<>();
        entries.forEach((key, value) -> {
            checkKey(key);
            checkValue(key, value);
            copy.put(key, value);
        });
        return copy.isEmpty() ? NONE : new Attributes(copy);
    }

    /**
     * Attributes read back from Roster's own storage, where only validated ones are written: they are not checked
     * again (see {@link Email#fromStorage}). Not for input.
     */
    public static Attributes fromStorage(Map<String, String> stored) {
        return stored.isEmpty() ? NONE : new Attributes(new TreeMap<>(stored));
    }

    /** Checks a key on its own, e.g. one named in a filter. */
    public static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidUserDataException("attributes",
                    "keys must be 1 to " + MAX_KEY_LENGTH + " characters of letters, digits, '_', '.' or '-'");
        }
    }

    private static void checkValue(String key, String value) {
        if (value == null) {
            throw new InvalidUserDataException("attributes." + key, "must be a string");
        }
        if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
            throw new InvalidUserDataException("attributes." + key, "must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (!StoredText.isMultiLine(value)) {
            throw new InvalidUserDataException("attributes." + key, StoredText.MULTI_LINE_RULE);
        }
    }

    /** The result of applying changes (RFC 7396 semantics: a key mapped to absent is removed). */
    public Attributes with(AttributeChanges changes) {
        SortedMap<String, String> merged = changes.replaceAll() ? new TreeMap<>() : new TreeMap<>(entries);
        changes.removals().forEach(merged::remove);
        merged.putAll(changes.upserts());
        return of(merged);
    }

    public Map<String, String> asMap() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attributes that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Attributes[" + entries.size() + " entries]";
    }
}

package dev.roster.domain.user;

import java.util.Locale;
import java.util.Objects;

/**
 * An email address as the user gave it (trimmed), unique by its {@link #canonical()} form. Checks the RFC 5321
 * length limits and a plain {@code local@domain.tld} shape; never prints the address.
 */
public record Email(String value) {
    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final String PLACEHOLDER_DOMAIN = "@erased.roster.invalid";

    public Email {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidUserDataException("email", problem);
        }
    }

    /** The unique, non-personal placeholder that replaces an erased address; {@code .invalid} is reserved (RFC 2606). */
    public static Email placeholderFor(UserId id) {
        return new Email("erased-" + id.value() + PLACEHOLDER_DOMAIN);
    }

    /** The key under which uniqueness is enforced: Unicode-aware lower case, locale-independent. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    public boolean isPlaceholder() {
        return value.endsWith(PLACEHOLDER_DOMAIN);
    }

    @Override
    public String toString() {
        return "Email[***]";
    }

    private static String problemWith(String value) {
        if (value.isEmpty()) {
            return "must not be blank";
        }
        if (value.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "must not contain whitespace or control characters";
            }
        }
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            return "must have the form local-part@domain";
        }
        if (at > MAX_LOCAL_PART_LENGTH) {
            return "local part must be at most " + MAX_LOCAL_PART_LENGTH + " characters";
        }
        String domain = value.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "domain must be a dotted host name";
        }
        return null;
    }
}

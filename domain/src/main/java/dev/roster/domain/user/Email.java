package dev.roster.domain.user;

import java.util.Objects;

/**
 * An email address as the user gave it (trimmed), unique by its {@link #canonical()} form. Checks the RFC 5321
 * length limits and a plain {@code local@domain.tld} shape; never prints the address.
 */
public final class Email {
    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final String PLACEHOLDER_DOMAIN = "@erased.roster.invalid";
    /** RFC 5322 specials that only quoted local parts may carry; Roster accepts no quoted local parts. */
    private static final String SPECIALS = "\"()<>[]\\,;:";
    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("erased-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + java.util.regex.Pattern.quote(PLACEHOLDER_DOMAIN));

    private final String value;

    /** @throws InvalidUserDataException when {@code value} is not an address Roster accepts */
    public Email(String value) {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidUserDataException("email", problem);
        }
        this.value = value;
    }

    private Email(String stored, boolean trusted) {
        this.value = stored;
    }

    /**
     * A value read back from Roster's own storage, where only validated values are written: it is not checked again
     * (the read path of every page and export would otherwise repeat the checks for each row). Not for input.
     */
    public static Email fromStorage(String stored) {
        return new Email(Objects.requireNonNull(stored, "stored"), true);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Email that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The unique, non-personal placeholder that replaces an erased address; {@code .invalid} is reserved (RFC 2606). */
    public static Email placeholderFor(UserId id) {
        return new Email("erased-" + id.value() + PLACEHOLDER_DOMAIN);
    }

    /**
     * The key under which uniqueness is enforced: a locale-independent case fold (upper then lower case, so that
     * e.g. final and medial sigma or ß and SS compare equal).
     */
    public String canonical() {
        return CaseFold.fold(value);
    }

    /** Whether the address is in the domain reserved for erasure placeholders, in any letter case. */
    public boolean isInReservedDomain() {
        return canonical().endsWith(PLACEHOLDER_DOMAIN);
    }

    /** Whether this is exactly the form {@link #placeholderFor} produces; new users cannot take such an address. */
    public boolean isPlaceholder() {
        return PLACEHOLDER.matcher(value).matches();
    }

    @Override
    public String toString() {
        return "Email[***]";
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String problemWith(String value) {
        if (value.isEmpty()) {
            return "must not be blank";
        }
        if (value.length() > 4 * MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " bytes in UTF-8 (RFC 5321)";
        }
        if (utf8Length(value) > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " bytes in UTF-8 (RFC 5321)";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "must not contain whitespace or control characters";
            }
        }
        for (int i = 0; i < value.length(); i++) {
            if (SPECIALS.indexOf(value.charAt(i)) >= 0) {
                return "must not contain quotes, brackets, backslashes, commas, colons, semicolons or angle brackets";
            }
        }
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            return "must have the form local-part@domain";
        }
        if (utf8Length(value.substring(0, at)) > MAX_LOCAL_PART_LENGTH) {
            return "local part must be at most " + MAX_LOCAL_PART_LENGTH + " bytes in UTF-8 (RFC 5321)";
        }
        String domain = value.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "domain must be a dotted host name";
        }
        return null;
    }
}

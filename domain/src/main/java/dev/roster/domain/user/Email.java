package dev.roster.domain.user;

import java.util.List;
import java.util.Objects;

/**
 * An email address as the user gave it (trimmed, in Unicode NFC), unique by its {@link #canonical()} key (NFKC and case
 * fold of the local part, IDNA ASCII form of the domain; ADR 0005). Refuses invisible, control, format and space
 * characters, checks the RFC 5321 length limits and a plain {@code local@domain.tld} shape; never prints the address.
 */
public final class Email {
    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final String PLACEHOLDER_DOMAIN = "@erased.roster.invalid";
    /** RFC 5322 specials that only quoted local parts may carry; Roster accepts no quoted local parts. */
    private static final String SPECIALS = "\"()<>[]\\,;:";
    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("erased-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + java.util.regex.Pattern.quote(PLACEHOLDER_DOMAIN));

    private static final String TOO_LONG = "must be at most " + MAX_LENGTH + " bytes in UTF-8 (RFC 5321)";
    private static final String REFUSED_CHARACTERS = "must not contain spaces, control characters, or invisible, "
            + "format (zero-width, soft hyphen, bidi control) or unassigned characters";

    private final String value;
    /** Computed by the constructor; for a stored value on first use (racy but idempotent: a String is immutable). */
    private String canonical;

    /** @throws InvalidUserDataException when {@code value} is not an address Roster accepts */
    public Email(String value) {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        String problem = characterProblemWith(value);
        if (problem == null) {
            value = EmailKey.nfc(value);
            problem = problemWith(value);
        }
        if (problem != null) {
            throw new InvalidUserDataException("email", problem);
        }
        this.value = value;
        this.canonical = EmailKey.of(value);
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
     * The key under which uniqueness is enforced and addresses are looked up: the local part in NFKC with the
     * locale-independent {@link CaseFold} (so fullwidth or math-bold letters, composed and decomposed accents, final
     * and medial sigma, ß and SS compare equal), then {@code @}, then the domain's IDNA ASCII form in lower case (so
     * {@code xn--bcher-kva.example} and {@code bücher.example} compare equal).
     */
    public String canonical() {
        String key = canonical;
        if (key == null) {
            key = EmailKey.of(value);
            canonical = key;
        }
        return key;
    }

    /**
     * What a search text is to be found as inside the {@link #canonical()} keys: folded like a local part, and, when it
     * has non-ASCII characters, also with its domain part (after the last {@code @}, or all of it when there is none)
     * in IDNA ASCII form, so that {@code bücher} finds the {@code xn--bcher-kva} of a key. A partial label has no
     * such form: it finds only addresses whose domain is ASCII.
     */
    public static List<String> keyFragments(String text) {
        String folded = EmailKey.fold(text);
        if (text.chars().allMatch(c -> c < 0x80)) {
            return List.of(folded);
        }
        int at = text.lastIndexOf('@');
        try {
            String ascii = EmailKey.asciiDomain(text.substring(at + 1));
            String fragment = at < 0 ? ascii : EmailKey.fold(text.substring(0, at)) + "@" + ascii;
            return fragment.equals(folded) ? List.of(folded) : List.of(folded, fragment);
        } catch (IllegalArgumentException notADomain) {
            return List.of(folded);
        }
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
        if (utf8Length(value) > MAX_LENGTH) {
            return TOO_LONG;
        }
        // the compatibility form is what the key is made of: a fullwidth ＠ or ＂ must not become one there
        String compatible = EmailKey.nfkc(value);
        if (EmailKey.firstRefused(compatible) >= 0) {
            return REFUSED_CHARACTERS;
        }
        for (String form : new String[] {value, compatible}) {
            for (int i = 0; i < form.length(); i++) {
                if (SPECIALS.indexOf(form.charAt(i)) >= 0) {
                    return "must not contain quotes, brackets, backslashes, commas, colons, semicolons or angle brackets";
                }
            }
        }
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1
                || compatible.indexOf('@') != compatible.lastIndexOf('@')) {
            return "must have the form local-part@domain";
        }
        if (utf8Length(value.substring(0, at)) > MAX_LOCAL_PART_LENGTH) {
            return "local part must be at most " + MAX_LOCAL_PART_LENGTH + " bytes in UTF-8 (RFC 5321)";
        }
        String domain = value.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "domain must be a dotted host name";
        }
        String ascii;
        try {
            ascii = EmailKey.asciiDomain(domain);
        } catch (IllegalArgumentException refused) {
            // IDN's message quotes the domain: personal data, so it is not passed on
            return "domain must be a host name that IDNA accepts (letters, digits and hyphens in each label, "
                    + "at most 63 characters per label, one writing direction per label)";
        }
        if (ascii.length() > EmailKey.MAX_ASCII_DOMAIN_LENGTH) {
            return "domain must be at most " + EmailKey.MAX_ASCII_DOMAIN_LENGTH + " characters in its ASCII (IDNA) form";
        }
        return null;
    }

    /** Checked first, on the text as given, so that no normalisation sees (or removes) such characters. */
    private static String characterProblemWith(String value) {
        if (value.length() > 4 * MAX_LENGTH) {
            return TOO_LONG; // before normalising: an oversized value is not worth the work
        }
        return EmailKey.firstRefused(value) >= 0 ? REFUSED_CHARACTERS : null;
    }
}

package dev.roster.domain.user;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The identity of an address (ADR 0005): the local part in NFKC with the {@link CaseFold} (so fullwidth, math-bold,
 * composed and decomposed spellings are one key), the domain in its IDNA ASCII form, lower-cased (so {@code xn--…} and
 * its Unicode spelling are one key); and the characters an address may not contain because they are invisible or
 * change how the text around them is shown.
 */
final class EmailKey {
    /** RFC 1035 / RFC 5321: a domain name of at most 253 characters in its ASCII form (255 octets on the wire). */
    static final int MAX_ASCII_DOMAIN_LENGTH = 253;

    private EmailKey() {
    }

    /**
     * The key of {@code address} (which has one {@code @}). Total: for a stored value that today's rules would refuse,
     * invisible characters are left out and a domain that IDNA refuses is folded like the local part, so that every
     * stored user has a key and look-alikes among them are found (the V7 migration reports them).
     */
    static String of(String address) {
        int at = address.lastIndexOf('@');
        String local = withoutIgnorables(at < 0 ? address : address.substring(0, at));
        String localKey = fold(local);
        if (at < 0) {
            return localKey;
        }
        String domain = withoutIgnorables(address.substring(at + 1));
        String domainKey;
        try {
            domainKey = asciiDomain(domain);
        } catch (IllegalArgumentException refused) {
            domainKey = fold(domain);
        }
        return localKey + "@" + domainKey;
    }

    /** NFKC, case fold, NFKC again (a case mapping can leave text that is not in NFKC). */
    static String fold(String text) {
        return nfkc(CaseFold.fold(nfkc(text)));
    }

    static String nfkc(String text) {
        return isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    static String nfc(String text) {
        return isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** ASCII text is in every normalisation form already; most addresses are ASCII, and the Normalizer allocates. */
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The IDNA (RFC 3490, with the STD3 host-name rules, unassigned code points refused) ASCII form, lower-cased.
     *
     * @throws IllegalArgumentException when IDNA refuses the domain; its message may contain the domain, never pass it on
     */
    static String asciiDomain(String domain) {
        return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether an address may not contain the code point: controls, format characters (zero-width characters, soft
     * hyphen, bidi controls, byte-order mark), every kind of space including no-break spaces, line and paragraph
     * separators, private-use, unpaired surrogate and unassigned code points, and the other default-ignorable or blank
     * characters that show nothing (combining grapheme joiner, variation selectors, Hangul fillers, braille blank).
     */
    static boolean isRefused(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> {
                return true;
            }
            default -> {
                return isInvisible(codePoint) || Character.isWhitespace(codePoint);
            }
        }
    }

    /** Default-ignorable (Unicode's DerivedCoreProperties) or blank code points that are not controls or format characters. */
    private static boolean isInvisible(int c) {
        return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F)
                || c == 0x2800 || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0
                || (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A)
                || (c >= 0xE0000 && c <= 0xE0FFF);
    }

    /** The first refused code point's index, or -1. */
    static int firstRefused(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isRefused(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    private static String withoutIgnorables(String text) {
        if (firstRefused(text) < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> !(Character.getType(c) == Character.FORMAT || isInvisible(c))).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}

package dev.roster.domain.user;

/**
 * The character rule for every string Roster stores: no control characters (C0 U+0000..U+001F, DEL U+007F, C1
 * U+0080..U+009F; PostgreSQL cannot store NUL at all, and the others are never meant in a name or a value) and no
 * unpaired surrogates (they have no UTF-8 form: a driver would store '?' in their place). Free text that may run over
 * several lines (attribute values, legal-hold reasons) may hold TAB, LF and CR; everything else may not. The value
 * objects apply it in their constructors, with the messages below, which never quote the value.
 */
public final class StoredText {
    /** The message for a value refused by {@link #isSingleLine}. */
    public static final String SINGLE_LINE_RULE = "must not contain control characters or unpaired surrogates";
    /** The message for a value refused by {@link #isMultiLine}. */
    public static final String MULTI_LINE_RULE =
            "must not contain control characters other than tab, line feed and carriage return, or unpaired surrogates";

    private StoredText() {
    }

    /** True when {@code text} has no control character and no unpaired surrogate. */
    public static boolean isSingleLine(CharSequence text) {
        return isStorable(text, false);
    }

    /** Like {@link #isSingleLine}, but TAB, LF and CR are allowed. */
    public static boolean isMultiLine(CharSequence text) {
        return isStorable(text, true);
    }

    private static boolean isStorable(CharSequence text, boolean lineBreaksAndTabs) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                if (!(lineBreaksAndTabs && (c == '\t' || c == '\n' || c == '\r'))) {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++; // the pair's low half
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

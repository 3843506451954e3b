package dev.roster.domain.user;

import java.util.Locale;

/**
 * The one case-insensitive comparison form of Roster: locale-independent upper then lower case, so that e.g. final
 * and medial sigma, or ß and SS, compare equal. Uniqueness keys, search keys and search terms all use it, so that
 * what one finds is what the other stores.
 */
public final class CaseFold {
    private CaseFold() {
    }

    public static String fold(String text) {
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}

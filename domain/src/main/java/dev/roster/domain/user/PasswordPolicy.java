package dev.roster.domain.user;

import java.util.Objects;
import java.util.Set;

/**
 * What a password must be (OWASP ASVS / NIST 800-63B style): 12 to 128 characters, not the account's email or its
 * local part, and not one of the most common passwords (compared case-insensitively). No composition rules.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Set<String> commonPasswords;

    /** @param commonPasswords folded ({@link CaseFold}) common passwords */
    public PasswordPolicy(Set<String> commonPasswords) {
        this.commonPasswords = Set.copyOf(Objects.requireNonNull(commonPasswords, "commonPasswords"));
    }

    public void check(PlainPassword password, Email email) {
        String value = password.value();
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new WeakPasswordException("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new WeakPasswordException("must be at most " + MAX_LENGTH + " characters long");
        }
        String folded = CaseFold.fold(value);
        String canonicalEmail = email.canonical();
        if (folded.equals(canonicalEmail) || folded.equals(canonicalEmail.substring(0, canonicalEmail.indexOf('@')))) {
            throw new WeakPasswordException("must not be the account's email address");
        }
        if (commonPasswords.contains(folded)) {
            throw new WeakPasswordException("is one of the most commonly used passwords");
        }
    }
}

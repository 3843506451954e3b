package dev.roster.application.port.out.access;

import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PlainPassword;

/**
 * One-way password hashing. Hashes are self-describing strings (PHC format) that carry their parameters, so
 * parameters can be raised later: {@link #needsRehash} says when a stored hash is weaker than today's settings.
 * Hashing is deliberately slow (tens of milliseconds): call it outside database transactions.
 */
public interface PasswordHasher {

    PasswordHash hash(PlainPassword password);

    /** Whether the password matches the hash; false (never an exception) for a malformed or foreign hash. */
    boolean matches(PlainPassword password, PasswordHash hash);

    boolean needsRehash(PasswordHash hash);

    /**
     * Whether {@link #matches} can check passwords against this hash: a well-formed hash of an algorithm this hasher
     * verifies (a hash imported from another system), with a cost that verifying at login can afford.
     */
    boolean canVerify(PasswordHash hash);
}

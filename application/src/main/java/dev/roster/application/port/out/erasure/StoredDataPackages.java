package dev.roster.application.port.out.erasure;

import dev.roster.domain.user.UserId;

/**
 * Copies of a user's data package that Roster keeps beside the user (attached to completed access and portability
 * requests). They are personal data: erasure removes them with the user's other records. Call inside a transaction.
 */
public interface StoredDataPackages {

    /** How many packages of this user are kept. */
    long countOf(UserId userId);

    /** Removes every package of this user; returns how many there were. */
    long deleteAllOf(UserId userId);
}

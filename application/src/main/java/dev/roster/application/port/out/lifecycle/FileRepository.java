package dev.roster.application.port.out.lifecycle;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.UserId;

import java.util.List;
import java.util.UUID;

/** Stores the metadata of users' files. Writes must run inside a {@link TransactionBoundary} transaction. */
public interface FileRepository {

    void add(OwnedFile file);

    /** The owner's files, oldest first. */
    List<OwnedFile> findByOwner(UserId owner);

    long countByOwner(UserId owner);

    /** @return whether the owner had such a file */
    boolean delete(UserId owner, UUID fileId);

    /** @return how many files were removed */
    long deleteAllOf(UserId owner);
}

package dev.roster.application.port.in.lifecycle;

import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.UserId;

import java.util.List;
import java.util.UUID;

/** The files (resources) a user owns. Unknown users and unknown files are {@code UserNotFoundException} / {@link FileNotFoundException}. */
public interface ManageFilesUseCase {
    List<OwnedFile> list(UserId owner);

    OwnedFile add(AddFileCommand command);

    void remove(UserId owner, UUID fileId);
}

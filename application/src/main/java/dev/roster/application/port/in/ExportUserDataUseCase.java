package dev.roster.application.port.in;

import dev.roster.domain.user.UserId;

/** The data package of one user. Audited and rate-limited per caller. */
public interface ExportUserDataUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException when there is no such user */
    DataPackage export(UserId id);
}

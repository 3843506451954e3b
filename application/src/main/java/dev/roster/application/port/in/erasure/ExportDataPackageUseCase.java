package dev.roster.application.port.in.erasure;

import dev.roster.application.model.erasure.DataPackage;
import dev.roster.domain.user.UserId;

/** The data package of one user. Audited and rate-limited per caller. */
public interface ExportDataPackageUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException when there is no such user */
    DataPackage export(UserId id);
}

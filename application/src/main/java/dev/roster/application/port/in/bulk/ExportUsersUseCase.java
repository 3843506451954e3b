package dev.roster.application.port.in.bulk;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.users.UserFilter;

import java.util.List;

/** Exports users matching a filter, streamed page by page. Rate-limited per caller. */
public interface ExportUsersUseCase {
    /** @throws RateLimitExceededException when the caller exported too often */
    UserExport start(UserFilter filter, List<ExportField> fields);
}

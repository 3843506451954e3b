package dev.roster.application.port.in;

import java.util.List;

/** Exports users matching a filter, streamed page by page. Rate-limited per caller. */
public interface ExportUsersUseCase {
    /** @throws RateLimitExceededException when the caller exported too often */
    UserExport start(UserFilter filter, List<ExportField> fields);
}

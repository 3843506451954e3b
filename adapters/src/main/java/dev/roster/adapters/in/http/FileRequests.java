package dev.roster.adapters.in.http;

import dev.roster.domain.user.OwnedFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of the owned-files endpoints. */
final class FileRequests {
    private FileRequests() {
    }

    /** {@code POST /api/v1/users/{id}/files} */
    @Serdeable
    record AddFileRequest(@Nullable String name, @Nullable Long sizeBytes, @Nullable String contentType) {
    }

    @Serdeable
    record FileResponse(UUID id, String name, long sizeBytes, String contentType, Instant createdAt) {
        static FileResponse of(OwnedFile file) {
            return new FileResponse(file.id(), file.name(), file.sizeBytes(), file.contentType(), file.createdAt());
        }
    }

    @Serdeable
    record FileListResponse(List<FileResponse> items) {
    }
}

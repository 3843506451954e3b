package dev.roster.adapters.in.http.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.domain.user.OwnedFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of the owned-files endpoints. */
public final class FileRequests {
    private FileRequests() {
    }

    /** {@code POST /api/v1/users/{id}/files} */
    @Serdeable
    record AddFileRequest(@Nullable String name, @Nullable Long sizeBytes, @Nullable String contentType) {
    }

    @Serdeable
    public record FileResponse(UUID id, String name, long sizeBytes, String contentType, Instant createdAt) {
        public static FileResponse of(OwnedFile file) {
            return new FileResponse(file.id(), file.name(), file.sizeBytes(), file.contentType(), file.createdAt());
        }
    }

    /** Always with {@code items}, empty or not (the serializer's default leaves empty lists out). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FileListResponse(List<FileResponse> items) {
    }
}

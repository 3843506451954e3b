package dev.roster.adapters.in.http.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.domain.user.OwnedFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of the owned-files endpoints. */
public final class FileRequests {
    private static final String FILE_CONTENT_TYPE = "^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}$";

    private FileRequests() {
    }

    /** {@code POST /api/v1/users/{id}/files} */
    @Serdeable
    @Schema(requiredProperties = {"name", "sizeBytes", "contentType"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record AddFileRequest(@Schema(maxLength = 255) @Nullable String name,
                          @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) @Nullable Long sizeBytes,
                          @Schema(maxLength = 255, pattern = FILE_CONTENT_TYPE, description = "A media type such as application/pdf.") @Nullable String contentType) {
    }

    @Serdeable
    public record FileResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id, @Schema(maxLength = 255) String name,
                               @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long sizeBytes,
                               @Schema(maxLength = 255, pattern = FILE_CONTENT_TYPE) String contentType, @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant createdAt) {
        public static FileResponse of(OwnedFile file) {
            return new FileResponse(file.id(), file.name(), file.sizeBytes(), file.contentType(), file.createdAt());
        }
    }

    /** Always with {@code items}, empty or not (the serializer's default leaves empty lists out). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FileListResponse(@ArraySchema(maxItems = Integer.MAX_VALUE) List<FileResponse> items) {
    }
}

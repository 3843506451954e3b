package dev.roster.adapters.in.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.openapi.annotation.OpenAPIExtraSchema;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document: {@code type} is {@code /problems/<slug>}, {@code instance} the request path,
 * {@code errors} the field-level messages of a validation failure. Messages never contain personal data.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@OpenAPIExtraSchema
@Schema(name = "Problem")
public record Problem(@Schema(description = "/problems/<slug>, e.g. /problems/validation-failed.", maxLength = 64, pattern = "^/problems/[a-z-]+$") String type,
                      @Schema(maxLength = 100) String title,
                      @Schema(minimum = "400", maximum = "599") int status,
                      @Schema(maxLength = 4000) String detail,
                      @Schema(description = "The request path.", maxLength = 8192) String instance,
                      @Nullable @ArraySchema(maxItems = 1048576, arraySchema = @Schema(description = "validation-failed: each rejected field or parameter.")) List<FieldError> errors,
                      @Nullable @Schema(ref = "#/components/schemas/Counts") Map<String, Long> resources) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** One rejected field (or query parameter) and why. */
    @Serdeable
    @Schema(name = "Problem.FieldError")
    public record FieldError(@Schema(maxLength = 200) String field, @Schema(maxLength = 4000) String message) {
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem("/problems/" + type.slug(), type.title(), type.status().getCode(), detail, instance, null, null);
    }

    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem("/problems/" + type.slug(), type.title(), type.status().getCode(), detail, instance,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors), null);
    }

    /** With the RFC 9457 extension member {@code resources}: what a user still owns, by kind, with counts. */
    public Problem withResources(Map<String, Long> owned) {
        return new Problem(type, title, status, detail, instance, errors, Map.copyOf(owned));
    }
}

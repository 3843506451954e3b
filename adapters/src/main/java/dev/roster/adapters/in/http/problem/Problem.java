package dev.roster.adapters.in.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document: {@code type} is {@code /problems/<slug>}, {@code instance} the request path,
 * {@code errors} the field-level messages of a validation failure. Messages never contain personal data.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      @Nullable List<FieldError> errors, @Nullable Map<String, Long> resources) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** One rejected field (or query parameter) and why. */
    @Serdeable
    public record FieldError(String field, String message) {
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

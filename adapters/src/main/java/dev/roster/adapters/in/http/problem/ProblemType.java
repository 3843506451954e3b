package dev.roster.adapters.in.http.problem;

import io.micronaut.http.HttpStatus;

/** Every kind of problem the API answers with: its slug (the {@code type} URI's last segment), title and status. */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST),
    VALIDATION_FAILED("validation-failed", "Validation failed", HttpStatus.BAD_REQUEST),
    MALFORMED_JSON("malformed-json", "Malformed JSON", HttpStatus.BAD_REQUEST),
    MALFORMED_IMPORT("malformed-import", "Malformed import file", HttpStatus.BAD_REQUEST),
    FORBIDDEN_TARGET("forbidden-target", "The webhook target is an internal address", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    WEAK_PASSWORD("weak-password", "Password too weak", HttpStatus.BAD_REQUEST),
    USER_HAS_RESOURCES("user-has-resources", "The user still owns resources", HttpStatus.CONFLICT),
    LEGAL_HOLD("legal-hold", "The user is on legal hold", HttpStatus.CONFLICT),
    CURSOR_EXPIRED("cursor-expired", "The feed no longer holds events after this position", HttpStatus.GONE),
    LAST_ADMIN("last-admin", "The last active administrator must remain", HttpStatus.CONFLICT),
    EMAIL_TAKEN("email-taken", "Email address already in use", HttpStatus.CONFLICT),
    INVALID_STATE("invalid-state", "Not allowed in the user's current state", HttpStatus.CONFLICT),
    EDIT_CONFLICT("edit-conflict", "Changed concurrently; fetch the user again and retry", HttpStatus.CONFLICT),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", HttpStatus.PRECONDITION_FAILED),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    URI_TOO_LONG("uri-too-long", "URI too long", HttpStatus.REQUEST_URI_TOO_LONG),
    REQUEST_HEADER_FIELDS_TOO_LARGE("request-header-fields-too-large", "Request header fields too large",
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", HttpStatus.PRECONDITION_REQUIRED),
    RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The problem type for a status the framework produced on its own (unknown route, wrong method, ...). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> INVALID_STATE;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> RATE_LIMITED;
            case 431 -> REQUEST_HEADER_FIELDS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}

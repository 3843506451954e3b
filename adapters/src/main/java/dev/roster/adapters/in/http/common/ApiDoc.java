package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.Problem;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API document's shared parts: annotations for the responses many operations share (put them on a controller
 * or a method), and references to the parameters and schemas of adapters/src/main/openapi/roster-components.yml for
 * {@code @Parameter(ref = ...)} and {@code @Schema(ref = ...)}. docs/architecture.md says how an endpoint is documented.
 */
public final class ApiDoc {
    /** The security scheme: every controller that needs a token says {@code @SecurityRequirement(name = ApiDoc.BEARER)}. */
    public static final String BEARER = "bearerAuth";
    /** The Standard Webhooks signature of an erasure recipient's confirmation. */
    public static final String RECIPIENT_SIGNATURE = "recipientSignature";

    private static final String PARAMETERS = "#/components/parameters/";
    public static final String USER_ID = PARAMETERS + "UserId";
    public static final String FILE_ID = PARAMETERS + "FileId";
    public static final String RECEIPT_ID = PARAMETERS + "ReceiptId";
    public static final String SERVICE_ACCOUNT_ID = PARAMETERS + "ServiceAccountId";
    public static final String EMAIL_IN_PATH = PARAMETERS + "EmailInPath";
    public static final String ROLE_IN_PATH = PARAMETERS + "RoleInPath";
    public static final String IF_MATCH = PARAMETERS + "IfMatch";
    public static final String IF_NONE_MATCH = PARAMETERS + "IfNoneMatch";
    public static final String Q = PARAMETERS + "Q";
    public static final String STATUS = PARAMETERS + "Status";
    public static final String ROLE = PARAMETERS + "Role";
    public static final String CREATED_FROM = PARAMETERS + "CreatedFrom";
    public static final String CREATED_TO = PARAMETERS + "CreatedTo";
    public static final String ATTR = PARAMETERS + "Attr";
    public static final String USER_SORT = PARAMETERS + "UserSort";
    public static final String USER_LIMIT = PARAMETERS + "UserLimit";
    public static final String USER_CURSOR = PARAMETERS + "UserCursor";
    public static final String OFFSET = PARAMETERS + "Offset";
    public static final String AUDIT_USER_ID = PARAMETERS + "AuditUserId";
    public static final String AUDIT_ACTOR_ID = PARAMETERS + "AuditActorId";
    public static final String AUDIT_ACTION = PARAMETERS + "AuditAction";
    public static final String AUDIT_FROM = PARAMETERS + "AuditFrom";
    public static final String AUDIT_TO = PARAMETERS + "AuditTo";
    public static final String AUDIT_LIMIT = PARAMETERS + "AuditLimit";
    public static final String AUDIT_CURSOR = PARAMETERS + "AuditCursor";
    public static final String AUDIT_SORT = PARAMETERS + "AuditSort";
    public static final String EVENTS_AFTER = PARAMETERS + "EventsAfter";
    public static final String EVENTS_LIMIT = PARAMETERS + "EventsLimit";
    public static final String EVENTS_TYPE = PARAMETERS + "EventsType";
    public static final String EVENTS_USER_ID = PARAMETERS + "EventsUserId";
    public static final String EVENTS_WAIT = PARAMETERS + "EventsWait";
    public static final String EXPORT_FORMAT = PARAMETERS + "ExportFormat";
    public static final String EXPORT_FIELDS = PARAMETERS + "ExportFields";
    public static final String DRY_RUN = PARAMETERS + "DryRun";
    public static final String ON_CONFLICT = PARAMETERS + "OnConflict";
    public static final String HARD = PARAMETERS + "Hard";
    public static final String CASCADE = PARAMETERS + "Cascade";
    public static final String YEAR = PARAMETERS + "Year";
    public static final String STATS_FROM = PARAMETERS + "StatsFrom";
    public static final String STATS_TO = PARAMETERS + "StatsTo";
    public static final String GRANULARITY = PARAMETERS + "Granularity";
    public static final String TZ = PARAMETERS + "Tz";
    public static final String WEBHOOK_ID = PARAMETERS + "WebhookId";
    public static final String DELIVERY_ID = PARAMETERS + "DeliveryId";
    public static final String DELIVERY_STATUS = PARAMETERS + "DeliveryStatus";
    public static final String DELIVERY_LIMIT = PARAMETERS + "DeliveryLimit";
    public static final String DELIVERY_CURSOR = PARAMETERS + "DeliveryCursor";
    public static final String PRIVACY_REQUEST_ID = PARAMETERS + "PrivacyRequestId";
    public static final String PRIVACY_STATUS = PARAMETERS + "PrivacyStatus";
    public static final String PRIVACY_TYPE = PARAMETERS + "PrivacyType";
    public static final String PRIVACY_USER_ID = PARAMETERS + "PrivacyUserId";
    public static final String PRIVACY_OVERDUE = PARAMETERS + "PrivacyOverdue";
    public static final String PRIVACY_DUE_BEFORE = PARAMETERS + "PrivacyDueBefore";
    public static final String PRIVACY_CURSOR = PARAMETERS + "PrivacyCursor";
    public static final String PRIVACY_LIMIT = PARAMETERS + "PrivacyLimit";
    public static final String RECIPIENT_ID = PARAMETERS + "RecipientId";
    public static final String SIGNED_ID = PARAMETERS + "SignedId";
    public static final String SIGNED_TIMESTAMP = PARAMETERS + "SignedTimestamp";

    private static final String SCHEMAS = "#/components/schemas/";
    public static final String ATTRIBUTES = SCHEMAS + "Attributes";
    public static final String USER_MERGE_PATCH = SCHEMAS + "UserMergePatch";
    public static final String SELF_MERGE_PATCH = SCHEMAS + "SelfMergePatch";
    public static final String BULK_REQUEST = SCHEMAS + "BulkRequest";
    public static final String AUDIT_ACTION_SCHEMA = SCHEMAS + "AuditAction";
    public static final String COUNTS = SCHEMAS + "Counts";
    public static final String AUDIT_DETAILS = SCHEMAS + "AuditDetails";
    public static final String CHANGE_TYPE = SCHEMAS + "ChangeType";
    public static final String CHANGE_EVENT_DATA = SCHEMAS + "ChangeEventData";
    public static final String LINKS = SCHEMAS + "Links";
    public static final String WEBHOOK_MERGE_PATCH = SCHEMAS + "WebhookMergePatch";
    public static final String ERASED_COUNTS = SCHEMAS + "ErasedCounts";

    /** Bounds for {@code @Schema} on record components. */
    public static final int UUID_LENGTH = 36;
    /** An ISO-8601 instant as the API writes it, e.g. 2026-01-31T12:00:00.123456Z. */
    public static final int INSTANT_LENGTH = 30;
    public static final String MAX_LONG = "9223372036854775807";
    public static final String MAX_INT = "2147483647";
    /** Server-written prose (details, messages, purposes): generous, but bounded. */
    public static final int TEXT_LENGTH = 4000;
    public static final String PHONE_PATTERN = "^\\+[1-9][0-9]{1,14}$";

    public static final String PROBLEM_JSON = Problem.CONTENT_TYPE;
    public static final String ETAG_DESCRIPTION = "The user's version as a strong entity tag, e.g. \"3\": send it back in If-Match.";
    public static final String ETAG_PATTERN = "^\"[0-9]{1,19}\"$";
    public static final String LOCATION_DESCRIPTION = "The path of the created resource.";
    public static final String DISPOSITION_DESCRIPTION = "attachment; filename=\"...\": the body is a file to save.";
    public static final String DISPOSITION_PATTERN = "^attachment; filename=\"[A-Za-z0-9._-]{1,100}\"$";

    /**
     * What any operation may answer: 400 (a bad parameter or body, an unknown query parameter), 401, 406, 413, 500
     * and 503. On every controller that needs a token; add {@link Forbidden} where roles are checked.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "400", description = "Bad request: validation-failed (errors names each field or query "
            + "parameter, unknown ones included), malformed-json or bad-request.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "No token, or one that is invalid, expired or revoked (unauthorized).",
            headers = @Header(name = "WWW-Authenticate", description = "Always Bearer (RFC 6750 section 3).",
                    schema = @Schema(type = "string", allowableValues = "Bearer")),
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "406", description = "The Accept header rules out every type this operation produces "
            + "(not-acceptable).", content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = "The body is larger than 1 MB (max-request-buffer-size; payload-too-large).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "414", description = "The request line (method, path and query) is longer than 4096 bytes "
            + "(uri-too-long).", content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "431", description = "The header section is larger than 8192 bytes "
            + "(request-header-fields-too-large).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "500", description = "An unexpected error (internal-error); logged, and the body says no more.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "The database is not reachable (service-unavailable); the service "
            + "recovers by itself. Logins and password changes also get it while their shared rate limit cannot be "
            + "counted (they are never let through uncounted).",
            headers = @Header(name = "Retry-After", description = "Seconds to wait (5).", schema = @Schema(type = "integer",
                    format = "int32", minimum = "1", maximum = "60")),
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Errors {
    }

    /** 403: the token's roles do not allow the operation. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "403", description = "The token's roles do not allow this (forbidden).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Forbidden {
    }

    /** 304 for a conditional read whose If-None-Match names the current version. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match named the current version; no body.",
            headers = @Header(name = "ETag", description = ETAG_DESCRIPTION, schema = @Schema(type = "string", maxLength = 21, pattern = ETAG_PATTERN)))
    public @interface NotModified {
    }

    /** 404: the user (or the file, or the receipt) in the path does not exist. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "404", description = "No such user, file or receipt (not-found).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {
    }

    /** 409: the user's state does not allow the change; the operation's description names the problem types. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "409", description = "The user's state does not allow it; the problem type says why: "
            + "email-taken, invalid-state, edit-conflict (changed concurrently, without If-Match), last-admin, legal-hold "
            + "or user-has-resources (with resources).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {
    }

    /** 412: a write whose If-Match names a version the user no longer has. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "412", description = "If-Match named a version the user no longer has (precondition-failed).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface PreconditionFailed {
    }

    /** 415: an operation with a body, sent with a Content-Type it does not read. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "415", description = "The body's Content-Type is not one this operation reads (unsupported-media-type).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface UnsupportedMediaType {
    }

    /** 429 with Retry-After: the operations behind a rate limit (roster.rate-limits). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "429", description = "Rate-limited per caller and action (rate-limited).",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before trying again.",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = MAX_INT)),
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface TooManyRequests {
    }

    /**
     * 200 with the method's return type as body and the user's version as ETag. Success responses other than 200 (201,
     * 204) must be a direct {@code @ApiResponse} on the method: responses that come only from annotations like these do
     * not stop the processor from adding its default 200.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "The user; ETag is its version.", useReturnTypeSchema = true,
            headers = @Header(name = "ETag", description = ETAG_DESCRIPTION, schema = @Schema(type = "string", maxLength = 21, pattern = ETAG_PATTERN)))
    public @interface OkWithEtag {
    }

    private ApiDoc() {
    }
}

package dev.roster.adapters.in.http.privacy;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.QueryFlags;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.erasure.DataPackageResponse;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.privacy.PrivacyResponses.PrivacyRequestPageResponse;
import dev.roster.adapters.in.http.privacy.PrivacyResponses.PrivacyRequestResponse;
import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.model.privacy.PrivacyRequestStatus;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.application.model.recipients.RecipientStatuses;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.privacy.CompletePrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.DownloadRequestPackageUseCase;
import dev.roster.application.port.in.privacy.ExtendPrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.FilePrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.GetPrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.ListPrivacyRequestsQuery;
import dev.roster.application.port.in.privacy.ListPrivacyRequestsUseCase;
import dev.roster.application.port.in.privacy.PrivacyRequestPage;
import dev.roster.application.port.in.privacy.RefusePrivacyRequestUseCase;
import dev.roster.application.port.in.recipients.RecipientStatusesUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Privacy requests (SPEC §8): staff file them for people, extend them once, complete them by type (data package,
 * erasure, restriction, or a note of what was done) or refuse them; the queue is ordered by due date.
 */
@Controller("/api/v1/privacy-requests")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "privacy")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class PrivacyRequestController {
    static final String PATH = "/api/v1/privacy-requests";
    private static final String NOT_FOUND = "No privacy request with that id (not-found).";
    private static final String INVALID_STATE = "The request's state does not allow it (invalid-state): it is COMPLETED or REFUSED";

    private final FilePrivacyRequestUseCase filing;
    private final ListPrivacyRequestsUseCase listing;
    private final GetPrivacyRequestUseCase reading;
    private final ExtendPrivacyRequestUseCase extension;
    private final CompletePrivacyRequestUseCase completion;
    private final RefusePrivacyRequestUseCase refusal;
    private final RecipientStatusesUseCase recipients;
    private final DownloadRequestPackageUseCase packages;
    private final JsonBodies json;
    private final Clock clock;

    PrivacyRequestController(FilePrivacyRequestUseCase filing, ListPrivacyRequestsUseCase listing, GetPrivacyRequestUseCase reading,
                             ExtendPrivacyRequestUseCase extension, CompletePrivacyRequestUseCase completion,
                             RefusePrivacyRequestUseCase refusal, DownloadRequestPackageUseCase packages,
                             RecipientStatusesUseCase recipients, JsonBodies json, Clock clock) {
        this.filing = filing;
        this.listing = listing;
        this.reading = reading;
        this.extension = extension;
        this.completion = completion;
        this.refusal = refusal;
        this.packages = packages;
        this.recipients = recipients;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "filePrivacyRequest", summary = "File a privacy request for a person",
            description = "ADMIN. The request is due one calendar month after receivedAt (default now) in roster.privacy.zone: "
                    + "31 January is due on the last day of February. 400 validation-failed for an unknown type, a userId that names "
                    + "no user or a receivedAt in the future. Audited; emits privacy_request.received.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PrivacyRequestBodies.FileRequest.class)))
    @ApiResponse(responseCode = "201", description = "Filed; Location is its path.", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
                    schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)))
    @ApiDoc.UnsupportedMediaType
    HttpResponse<PrivacyRequestResponse> file(@Body byte[] body) {
        PrivacyRequest filed = filing.file(json.read(body, PrivacyRequestBodies.FileRequest.class).toCommand());
        return HttpResponse.created(response(filed), URI.create(PATH + "/" + filed.id()));
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "listPrivacyRequests", summary = "List privacy requests by due date (the queue)",
            description = "ADMIN or AUDITOR. Ordered by dueAt, then id; filters combine with AND. overdue=true: open requests "
                    + "whose due date has passed.")
    @Parameter(name = "status", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_STATUS)
    @Parameter(name = "type", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_TYPE)
    @Parameter(name = "userId", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_USER_ID)
    @Parameter(name = "overdue", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_OVERDUE)
    @Parameter(name = "dueBefore", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_DUE_BEFORE)
    @Parameter(name = "cursor", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_CURSOR)
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_LIMIT)
    @ApiResponse(responseCode = "200", description = "A page of requests.", useReturnTypeSchema = true)
    PrivacyRequestPageResponse list(@QueryValue @Nullable String status, @QueryValue @Nullable String type,
                                    @QueryValue @Nullable String userId, @QueryValue @Nullable String overdue,
                                    @QueryValue @Nullable String dueBefore, @QueryValue @Nullable String cursor,
                                    @QueryValue @Nullable String limit) {
        FieldErrors errors = new FieldErrors();
        Set<PrivacyRequestStatus> statuses = names(errors, "status", status, PrivacyRequestStatus.class,
                "must be a comma list of RECEIVED, IN_PROGRESS, EXTENDED, COMPLETED, REFUSED");
        Set<PrivacyRequestType> types = names(errors, "type", type, PrivacyRequestType.class,
                "must be a comma list of " + PrivacyRequestBodies.TYPES);
        Optional<UserId> user = present(userId) ? Optional.ofNullable(errors.attemptAs("userId", () -> UserId.parse(userId.strip())))
                : Optional.empty();
        Instant now = clock.instant();
        Optional<Instant> overdueAt = Optional.empty();
        try {
            overdueAt = QueryFlags.flag("overdue", overdue) ? Optional.of(now) : Optional.empty();
        } catch (InvalidRequestException e) {
            errors.add("overdue", "must be true or false");
        }
        Optional<Instant> before = Optional.ofNullable(errors.instant("dueBefore", dueBefore));
        PrivacyRequestFilter filter = new PrivacyRequestFilter(statuses, types, user, overdueAt, before);
        ListPrivacyRequestsQuery query = query(errors, filter, cursor, limit);
        PrivacyRequestPage page = listing.list(query);
        // the queue shows recipients only where they are what the request waits for (IN_PROGRESS): one lookup per
        // waiting erasure, not one per erasure ever completed; GET /{id} shows them for any ERASURE request
        Set<UUID> waiting = page.items().stream().filter(request -> request.status() == PrivacyRequestStatus.IN_PROGRESS)
                .flatMap(request -> request.outcome().flatMap(PrivacyRequest.Outcome::receiptId).stream())
                .collect(Collectors.toSet());
        return PrivacyRequestPageResponse.of(page, now, PrivacyRequestController::packageHref,
                receiptId -> waiting.contains(receiptId) ? recipientsOf(receiptId) : Optional.empty());
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getPrivacyRequest", summary = "Read a privacy request with its history", description = "ADMIN or AUDITOR.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.PRIVACY_REQUEST_ID)
    @ApiResponse(responseCode = "200", description = "The request.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    PrivacyRequestResponse get(@PathVariable String id) {
        return response(reading.get(requestId(id)));
    }

    @Post("/{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extendPrivacyRequest", summary = "Extend the deadline by 1 or 2 calendar months",
            description = "ADMIN. dueAt becomes receivedAt plus 1 + months calendar months. Allowed once, before the original "
                    + "due date, with a reason (400 validation-failed when blank, or months not 1 or 2); 409 invalid-state when "
                    + "the request is closed, was extended already or its original due date has passed. Audited (without the "
                    + "reason); emits privacy_request.extended.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.PRIVACY_REQUEST_ID)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PrivacyRequestBodies.ExtendRequest.class)))
    @ApiResponse(responseCode = "200", description = "The request, extended.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = INVALID_STATE + ", was extended already, or its original due date has passed.",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.UnsupportedMediaType
    PrivacyRequestResponse extend(@PathVariable String id, @Body byte[] body) {
        UUID request = requestId(id);
        PrivacyRequestBodies.ExtendRequest extend = json.read(body, PrivacyRequestBodies.ExtendRequest.class);
        int months = extend.checkedMonths();
        return response(extension.extend(request, extend.reason(), months));
    }

    @Post("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completePrivacyRequest", summary = "Fulfil a privacy request",
            description = "ADMIN. By type: ACCESS and PORTABILITY attach the user's data package as it is now (download it at "
                    + "…/package; producing it is audited and rate-limited like GET /api/v1/users/{id}/export, 429); ERASURE erases "
                    + "the user (as POST /api/v1/users/{id}/anonymize: 409 legal-hold while a hold stands, recorded in the "
                    + "request's history, which stays open; 409 last-admin; 429) and records the receipt; RESTRICTION restricts "
                    + "the user (409 invalid-state for an anonymized user); RECTIFICATION and OBJECTION need the note of what was "
                    + "done (400 without). 409 invalid-state when the request is closed or its user was purged. The body may be "
                    + "left out. Audited (without the note); emits privacy_request.completed.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.PRIVACY_REQUEST_ID)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PrivacyRequestBodies.CompleteRequest.class)))
    @ApiResponse(responseCode = "200", description = "The request, completed.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = INVALID_STATE + ", or its user is gone or anonymized (RESTRICTION); "
            + "legal-hold or last-admin for an ERASURE.",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.UnsupportedMediaType
    @ApiDoc.TooManyRequests
    PrivacyRequestResponse complete(@PathVariable String id, @Body @Nullable byte[] body) {
        UUID request = requestId(id);
        Optional<String> note = body == null || body.length == 0 ? Optional.empty()
                : Optional.ofNullable(json.read(body, PrivacyRequestBodies.CompleteRequest.class).note());
        return response(completion.complete(request, note));
    }

    @Post("/{id}/refuse")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "refusePrivacyRequest", summary = "Refuse a privacy request with a reason",
            description = "ADMIN. 400 validation-failed without a reason; 409 invalid-state when the request is closed or "
                    + "IN_PROGRESS (its erasure is done). Audited (without the reason); emits privacy_request.refused.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.PRIVACY_REQUEST_ID)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PrivacyRequestBodies.RefuseRequest.class)))
    @ApiResponse(responseCode = "200", description = "The request, refused.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = INVALID_STATE + ", or IN_PROGRESS.",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.UnsupportedMediaType
    PrivacyRequestResponse refuse(@PathVariable String id, @Body byte[] body) {
        UUID request = requestId(id);
        String reason = json.read(body, PrivacyRequestBodies.RefuseRequest.class).checkedReason();
        return response(refusal.refuse(request, reason));
    }

    @Get("/{id}/package")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "downloadPrivacyRequestPackage", summary = "The data package attached to a completed request",
            description = "ADMIN or AUDITOR. The data package (as GET /api/v1/users/{id}/export gives it) as it was when the "
                    + "ACCESS or PORTABILITY request was completed. Every download is audited. 404 when the request has none "
                    + "(another type, not completed, or removed by the user's erasure).")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.PRIVACY_REQUEST_ID)
    @ApiResponse(responseCode = "200", description = "The data package, as a file to save.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DataPackageResponse.class)),
            headers = @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = ApiDoc.DISPOSITION_DESCRIPTION,
                    schema = @Schema(type = "string", maxLength = 200, pattern = ApiDoc.DISPOSITION_PATTERN)))
    @ApiResponse(responseCode = "404", description = "No such request, or it has no data package (not-found).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<byte[]> download(@PathVariable String id) {
        return packageFile(packages.download(requestId(id), Optional.empty()));
    }

    static HttpResponse<byte[]> packageFile(StoredDataPackage stored) {
        return HttpResponse.ok(stored.json().getBytes(StandardCharsets.UTF_8)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"roster-request-" + stored.requestId() + ".json\"");
    }

    private PrivacyRequestResponse response(PrivacyRequest request) {
        return PrivacyRequestResponse.of(request, clock.instant(), PrivacyRequestController::packageHref, this::recipientsOf);
    }

    /** The recipients asked about an ERASURE request's erasure; empty when its receipt is gone (a purged user). */
    private Optional<RecipientStatuses> recipientsOf(UUID receiptId) {
        try {
            return Optional.of(recipients.statuses(receiptId));
        } catch (ReceiptNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String packageHref(UUID id) {
        return PATH + "/" + id + "/package";
    }

    /** The page size and cursor of a list, with the other parameters' errors; throws when there are any. */
    static ListPrivacyRequestsQuery query(FieldErrors errors, PrivacyRequestFilter filter, String cursor, String limit) {
        int pageSize = ListPrivacyRequestsQuery.DEFAULT_LIMIT;
        if (present(limit)) {
            try {
                pageSize = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > ListPrivacyRequestsQuery.MAX_LIMIT) {
                errors.add("limit", "must be a whole number from 1 to " + ListPrivacyRequestsQuery.MAX_LIMIT);
            }
        }
        Optional<PrivacyRequestCursor> after = Optional.empty();
        if (present(cursor)) {
            after = cursor.length() > 200 ? Optional.empty() : PrivacyResponses.parseCursor(cursor.strip());
            if (after.isEmpty()) {
                errors.add("cursor", "is not a cursor this list gave");
            }
        }
        errors.throwIfAny();
        return new ListPrivacyRequestsQuery(filter, after, pageSize);
    }

    static UUID requestId(String text) {
        FieldErrors errors = new FieldErrors();
        UserId parsed = errors.attemptAs("id", () -> UserId.parse(text));
        errors.throwIfAny();
        return parsed.value();
    }

    private static <E extends Enum<E>> Set<E> names(FieldErrors errors, String parameter, String list, Class<E> type, String message) {
        Set<E> values = EnumSet.noneOf(type);
        if (!present(list)) {
            return values;
        }
        for (String name : list.split(",", -1)) {
            Optional<E> value = java.util.Arrays.stream(type.getEnumConstants())
                    .filter(constant -> constant.name().equalsIgnoreCase(name.strip())).findFirst();
            if (value.isEmpty()) {
                errors.add(parameter, message);
                return values;
            }
            values.add(value.get());
        }
        return values;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

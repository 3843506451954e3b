package dev.roster.adapters.in.http.privacy;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.erasure.DataPackageResponse;
import dev.roster.adapters.in.http.privacy.PrivacyResponses.PrivacyRequestPageResponse;
import dev.roster.adapters.in.http.privacy.PrivacyResponses.PrivacyRequestResponse;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.port.in.privacy.DownloadRequestPackageUseCase;
import dev.roster.application.port.in.privacy.FileOwnPrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.ListPrivacyRequestsUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
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
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's own privacy requests (self-service): file one about yourself, see yours and their outcome, download the
 * data package that answered yours. The user id comes from the token, never from the request.
 */
@Requires(property = "micronaut.security.enabled", notEquals = "false")
@Controller("/api/v1/me/privacy-requests")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "self-service")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
final class MyPrivacyRequestController {
    private static final String PATH = "/api/v1/me/privacy-requests";

    private final FileOwnPrivacyRequestUseCase filing;
    private final ListPrivacyRequestsUseCase listing;
    private final DownloadRequestPackageUseCase packages;
    private final JsonBodies json;
    private final Clock clock;

    MyPrivacyRequestController(FileOwnPrivacyRequestUseCase filing, ListPrivacyRequestsUseCase listing,
                               DownloadRequestPackageUseCase packages, JsonBodies json, Clock clock) {
        this.filing = filing;
        this.listing = listing;
        this.packages = packages;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "fileMyPrivacyRequest", summary = "File a privacy request about myself",
            description = "Any authenticated user. Received now and due one calendar month later; staff answer it. One open request "
                    + "per type at a time: 409 invalid-state while one of the same type is open. 400 validation-failed for an unknown "
                    + "type.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PrivacyRequestBodies.FileOwnRequest.class)))
    @ApiResponse(responseCode = "201", description = "Filed; Location is its path among mine.", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
                    schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)))
    @ApiResponse(responseCode = "409", description = "I have an open request of this type (invalid-state).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.UnsupportedMediaType
    HttpResponse<PrivacyRequestResponse> file(Authentication authentication, @Body byte[] body) {
        PrivacyRequestBodies.FileOwnRequest request = json.read(body, PrivacyRequestBodies.FileOwnRequest.class);
        PrivacyRequest filed = filing.fileOwn(self(authentication), request.parsedType(), Optional.ofNullable(request.note()));
        return HttpResponse.created(response(filed), URI.create(PATH + "/" + filed.id()));
    }

    @Get
    @Operation(operationId = "listMyPrivacyRequests", summary = "My privacy requests",
            description = "Any authenticated user: the caller's own requests, by due date, with their outcome and history.")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_CURSOR)
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = ApiDoc.PRIVACY_LIMIT)
    @ApiResponse(responseCode = "200", description = "A page of my requests.", useReturnTypeSchema = true)
    PrivacyRequestPageResponse list(Authentication authentication, @QueryValue @Nullable String cursor,
                                    @QueryValue @Nullable String limit) {
        PrivacyRequestFilter mine = PrivacyRequestFilter.of(self(authentication));
        return PrivacyRequestPageResponse.of(listing.list(PrivacyRequestController.query(new FieldErrors(), mine, cursor, limit)),
                clock.instant(), MyPrivacyRequestController::packageHref, receiptId -> Optional.empty());
    }

    @Get("/{id}/package")
    @Operation(operationId = "downloadMyPrivacyRequestPackage", summary = "The data package that answered my request",
            description = "Any authenticated user, for the caller's own completed ACCESS or PORTABILITY request (another's is "
                    + "404). Every download is audited.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.PRIVACY_REQUEST_ID)
    @ApiResponse(responseCode = "200", description = "The data package, as a file to save.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DataPackageResponse.class)),
            headers = @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = ApiDoc.DISPOSITION_DESCRIPTION,
                    schema = @Schema(type = "string", maxLength = 200, pattern = ApiDoc.DISPOSITION_PATTERN)))
    @ApiResponse(responseCode = "404", description = "No such request of mine, or it has no data package (not-found).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<byte[]> download(Authentication authentication, @PathVariable String id) {
        UUID request = PrivacyRequestController.requestId(id);
        return PrivacyRequestController.packageFile(packages.download(request, Optional.of(self(authentication))));
    }

    private PrivacyRequestResponse response(PrivacyRequest request) {
        return PrivacyRequestResponse.of(request, clock.instant(), MyPrivacyRequestController::packageHref, receiptId -> Optional.empty());
    }

    private static String packageHref(UUID id) {
        return PATH + "/" + id + "/package";
    }

    /** The security rule has checked that the subject is an active user's id. */
    private static UserId self(Authentication authentication) {
        return UserId.parse(authentication.getName());
    }
}

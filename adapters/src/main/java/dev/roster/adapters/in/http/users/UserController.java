package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.common.AlsoAcceptsQuery;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.PathSegments;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.ProblemType;
import dev.roster.adapters.in.http.problem.Problems;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.CountUsersUseCase;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.application.port.in.users.FindUserByEmailUseCase;
import dev.roster.application.port.in.users.GetUserUseCase;
import dev.roster.application.port.in.users.ListUsersQuery;
import dev.roster.application.port.in.users.ListUsersUseCase;
import dev.roster.application.port.in.users.UpdateUserCommand;
import dev.roster.application.port.in.users.UpdateUserUseCase;
import dev.roster.application.port.in.users.UpsertResult;
import dev.roster.application.port.in.users.UpsertUserUseCase;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The users resource of SPEC §2. Controllers speak only to use-case interfaces; blocking JDBC work runs on the
 * blocking executor, never on the event loop.
 */
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "users")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
public final class UserController {
    private final CreateUserUseCase createUser;
    private final GetUserUseCase getUser;
    private final FindUserByEmailUseCase findByEmail;
    private final ListUsersUseCase listUsers;
    private final CountUsersUseCase countUsers;
    private final UpdateUserUseCase updateUser;
    private final UpsertUserUseCase upsertUser;
    private final JsonBodies json;

    UserController(CreateUserUseCase createUser, GetUserUseCase getUser, FindUserByEmailUseCase findByEmail,
                   ListUsersUseCase listUsers, CountUsersUseCase countUsers, UpdateUserUseCase updateUser,
                   UpsertUserUseCase upsertUser, JsonBodies json) {
        this.findByEmail = findByEmail;
        this.createUser = createUser;
        this.getUser = getUser;
        this.listUsers = listUsers;
        this.countUsers = countUsers;
        this.updateUser = updateUser;
        this.upsertUser = upsertUser;
        this.json = json;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user",
            description = "ADMIN. 201 with Location and ETag; 409 email-taken when the email is in use (case-insensitively).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreateUserRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created; Location is its path, ETag its version.", useReturnTypeSchema = true,
            headers = {
                    @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
                            schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)),
                    @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG, description = ApiDoc.ETAG_DESCRIPTION,
                            schema = @Schema(type = "string", maxLength = 21, pattern = ApiDoc.ETAG_PATTERN))})
    @ApiDoc.Conflict
    @ApiDoc.UnsupportedMediaType
    HttpResponse<UserResponse> create(@Body byte[] body) {
        UserView user = createUser.create(UserRequests.toCommand(json.read(body, CreateUserRequest.class)));
        return withEtag(HttpResponse.created(UserResponse.of(user), location(user)), user);
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.USERS_READ})
    @Operation(operationId = "getUser", summary = "Read one user in any status",
            description = "ADMIN, AUDITOR or a service account with users:read. ETag carries the version for If-Match; If-None-Match with the current tag answers 304 without a body.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifNoneMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_NONE_MATCH)
    @ApiDoc.OkWithEtag
    @ApiDoc.NotModified
    @ApiDoc.NotFound
    HttpResponse<UserResponse> get(@PathVariable String id, @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        UserView user = getUser.get(UserId.parse(id));
        if (EntityTags.noneMatchIsMet(ifNoneMatch, user.version())) {
            return withEtag(HttpResponse.<UserResponse>status(HttpStatus.NOT_MODIFIED), user);
        }
        return withEtag(HttpResponse.ok(UserResponse.of(user)), user);
    }

    @Get("/by-email/{email:[^/]+}")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.USERS_READ})
    @Operation(operationId = "getUserByEmail", summary = "Read the user with this email, in any status",
            description = "ADMIN, AUDITOR or a service account with users:read. An exact match on the email's identity (case, Unicode spelling and IDNA form of the domain do not matter); 404 when nobody has it.")
    @Parameter(name = "email", in = ParameterIn.PATH, ref = ApiDoc.EMAIL_IN_PATH)
    @ApiResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG, description = ApiDoc.ETAG_DESCRIPTION,
                    schema = @Schema(type = "string", maxLength = 21, pattern = ApiDoc.ETAG_PATTERN)))
    @ApiDoc.NotFound
    HttpResponse<?> getByEmail(HttpRequest<?> request, @PathVariable String email) {
        Email address = new Email(PathSegments.segmentAfter(request, "/by-email/"));
        return findByEmail.findByEmail(address)
                .<HttpResponse<?>>map(user -> withEtag(HttpResponse.ok(UserResponse.of(user)), user))
                .orElseGet(() -> Problems.response(request, ProblemType.NOT_FOUND, "No user has this email address."));
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.USERS_READ})
    @Operation(operationId = "listUsers", summary = "List users",
            description = "ADMIN, AUDITOR or a service account with users:read. Filters combine with AND; pages by opaque keyset cursor (or offset); nextCursor is null on the last page.")
    @Parameter(name = "q", in = ParameterIn.QUERY, ref = ApiDoc.Q)
    @Parameter(name = "status", in = ParameterIn.QUERY, ref = ApiDoc.STATUS)
    @Parameter(name = "role", in = ParameterIn.QUERY, ref = ApiDoc.ROLE)
    @Parameter(name = "createdFrom", in = ParameterIn.QUERY, ref = ApiDoc.CREATED_FROM)
    @Parameter(name = "createdTo", in = ParameterIn.QUERY, ref = ApiDoc.CREATED_TO)
    @Parameter(name = "attr", in = ParameterIn.QUERY, ref = ApiDoc.ATTR)
    @AlsoAcceptsQuery("attr")
    @Parameter(name = "sort", in = ParameterIn.QUERY, ref = ApiDoc.USER_SORT)
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = ApiDoc.USER_LIMIT)
    @Parameter(name = "cursor", in = ParameterIn.QUERY, ref = ApiDoc.USER_CURSOR)
    @Parameter(name = "offset", in = ParameterIn.QUERY, ref = ApiDoc.OFFSET)
    @ApiResponse(responseCode = "200", description = "One page of users", useReturnTypeSchema = true)
    UserPageResponse list(HttpRequest<?> request, @QueryValue @Nullable String q, @QueryValue @Nullable String status,
                          @QueryValue @Nullable String role, @QueryValue @Nullable String createdFrom,
                          @QueryValue @Nullable String createdTo,
                          @QueryValue @Nullable String sort, @QueryValue @Nullable String limit,
                          @QueryValue @Nullable String cursor, @QueryValue @Nullable String offset) {
        ListUsersQuery query = new ListUsersQuery(
                UserFilterParameters.parse(q, status, role, createdFrom, createdTo, attributeFilters(request)),
                sort == null || sort.isBlank() ? UserSort.CREATED_AT_ASC : UserSort.parse(sort),
                (int) Math.max(-1, Math.min(Integer.MAX_VALUE, number("limit", limit, ListUsersQuery.DEFAULT_LIMIT))),
                Optional.ofNullable(cursor).filter(c -> !c.isBlank()),
                number("offset", offset, 0));
        return UserPageResponse.of(listUsers.list(query));
    }

    @Get("/count")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.USERS_READ})
    @Operation(operationId = "countUsers", summary = "Count users matching the list filters", description = "ADMIN, AUDITOR or a service account with users:read.")
    @Parameter(name = "q", in = ParameterIn.QUERY, ref = ApiDoc.Q)
    @Parameter(name = "status", in = ParameterIn.QUERY, ref = ApiDoc.STATUS)
    @Parameter(name = "role", in = ParameterIn.QUERY, ref = ApiDoc.ROLE)
    @Parameter(name = "createdFrom", in = ParameterIn.QUERY, ref = ApiDoc.CREATED_FROM)
    @Parameter(name = "createdTo", in = ParameterIn.QUERY, ref = ApiDoc.CREATED_TO)
    @Parameter(name = "attr", in = ParameterIn.QUERY, ref = ApiDoc.ATTR)
    @AlsoAcceptsQuery("attr")
    @ApiResponse(responseCode = "200", description = "The count", useReturnTypeSchema = true)
    CountResponse count(HttpRequest<?> request, @QueryValue @Nullable String q, @QueryValue @Nullable String status,
                        @QueryValue @Nullable String role, @QueryValue @Nullable String createdFrom,
                        @QueryValue @Nullable String createdTo) {
        return new CountResponse(countUsers.count(
                UserFilterParameters.parse(q, status, role, createdFrom, createdTo, attributeFilters(request))));
    }

    @Patch("/{id}")
    @Consumes({JsonBodies.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateUser", summary = "Change email, displayName, phone or attributes (JSON merge patch)",
            description = "ADMIN. Absent members are kept, null clears (not the email). With If-Match, a stale version gives 412 "
                    + "precondition-failed; without it a concurrent change is retried, then 409 edit-conflict. 409 email-taken, "
                    + "409 invalid-state (a deleted or anonymized user's profile cannot change).")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @RequestBody(required = true, content = {
            @Content(mediaType = JsonBodies.MERGE_PATCH_JSON, schema = @Schema(ref = ApiDoc.USER_MERGE_PATCH)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiDoc.USER_MERGE_PATCH))})
    @ApiDoc.OkWithEtag
    @ApiDoc.NotFound
    @ApiDoc.Conflict
    @ApiDoc.PreconditionFailed
    @ApiDoc.UnsupportedMediaType
    HttpResponse<UserResponse> update(@PathVariable String id, @Body byte[] patch,
                                      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        UserId userId = UserId.parse(id);
        UpdateUserCommand command = new UpdateUserCommand(userId, EntityTags.requiredVersion(ifMatch),
                MergePatches.toProfileChange(json.readTree(patch)));
        UserView user = updateUser.update(command);
        return withEtag(HttpResponse.ok(UserResponse.of(user)), user);
    }

    @Put("/by-email/{email:[^/]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertUserByEmail", summary = "Create or replace the user with this email",
            description = "ADMIN. 201 when created, 200 when updated: displayName, phone and attributes are replaced (absent "
                    + "ones cleared), roles, status and password kept. The body may be empty. 409 invalid-state for a "
                    + "deleted or anonymized user.")
    @Parameter(name = "email", in = ParameterIn.PATH, ref = ApiDoc.EMAIL_IN_PATH)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UpsertUserRequest.class)))
    @ApiDoc.OkWithEtag
    @ApiResponse(responseCode = "201", description = "Created; Location is its path, ETag its version.", useReturnTypeSchema = true,
            headers = {
                    @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
                            schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)),
                    @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG, description = ApiDoc.ETAG_DESCRIPTION,
                            schema = @Schema(type = "string", maxLength = 21, pattern = ApiDoc.ETAG_PATTERN))})
    @ApiDoc.Conflict
    @ApiDoc.UnsupportedMediaType
    HttpResponse<UserResponse> upsert(HttpRequest<?> request, @PathVariable String email, @Body @Nullable byte[] body) {
        UpsertUserRequest given = body == null || body.length == 0 ? null : json.read(body, UpsertUserRequest.class);
        UpsertResult result = upsertUser.upsert(UserRequests.toCommand(PathSegments.segmentAfter(request, "/by-email/"), given));
        UserView user = result.user();
        MutableHttpResponse<UserResponse> response = result.created()
                ? HttpResponse.created(UserResponse.of(user), location(user))
                : HttpResponse.ok(UserResponse.of(user));
        return withEtag(response, user);
    }

    /** Raw values: binding to List&lt;String&gt; would split one value at commas, which attribute values may hold. */
    private static List<String> attributeFilters(HttpRequest<?> request) {
        return request.getParameters().getAll("attr");
    }

    private static long number(String name, String text, long defaultValue) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequestException.of(name, "must be a whole number");
        }
    }

    private static URI location(UserView user) {
        return URI.create("/api/v1/users/" + user.id());
    }

    private static <T> MutableHttpResponse<T> withEtag(MutableHttpResponse<T> response, UserView user) {
        return response.header(HttpHeaders.ETAG, EntityTags.of(user.version()));
    }
}

package dev.roster.adapters.in.http.accounts;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.port.in.accounts.CreateServiceAccountCommand;
import dev.roster.application.port.in.accounts.CreateServiceAccountUseCase;
import dev.roster.application.port.in.accounts.GetServiceAccountUseCase;
import dev.roster.application.port.in.accounts.IssuedKey;
import dev.roster.application.port.in.accounts.ListServiceAccountsUseCase;
import dev.roster.application.port.in.accounts.RevokeServiceAccountUseCase;
import dev.roster.application.port.in.accounts.RotateServiceAccountKeyUseCase;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Service accounts (SPEC §6, ADR 0017), for administrators: create one with its scopes (the API key is in the answer
 * and never again), list, read, revoke (DELETE, at once) and rotate the key (the old one dies at once).
 */
@Controller("/api/v1/service-accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "service-accounts")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class ServiceAccountController {
    static final String PATH = "/api/v1/service-accounts";
    private static final String SCOPES_RULE = "must name only events:read, users:read, stats:read, metrics:read or audit:read, each once";

    private final CreateServiceAccountUseCase createAccount;
    private final ListServiceAccountsUseCase listAccounts;
    private final GetServiceAccountUseCase getAccount;
    private final RevokeServiceAccountUseCase revokeAccount;
    private final RotateServiceAccountKeyUseCase rotateKey;
    private final JsonBodies json;

    ServiceAccountController(CreateServiceAccountUseCase createAccount, ListServiceAccountsUseCase listAccounts,
                             GetServiceAccountUseCase getAccount, RevokeServiceAccountUseCase revokeAccount,
                             RotateServiceAccountKeyUseCase rotateKey, JsonBodies json) {
        this.createAccount = createAccount;
        this.listAccounts = listAccounts;
        this.getAccount = getAccount;
        this.revokeAccount = revokeAccount;
        this.rotateKey = rotateKey;
        this.json = json;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createServiceAccount", summary = "Create a service account and its API key",
            description = "ADMIN. 201 with Location and the apiKey, shown only in this answer (Roster keeps its SHA-256). "
                    + "The key is used as Authorization: Bearer <apiKey> and reaches only the scopes' endpoints: "
                    + "events:read the change feed, users:read user reads (one, by email, list, count), stats:read "
                    + "/api/v1/stats, metrics:read /prometheus, audit:read /api/v1/audit-events.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateServiceAccountRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created; Location is its path. Store apiKey now: it is never shown again.",
            useReturnTypeSchema = true, headers = @Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
            schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)))
    @ApiDoc.UnsupportedMediaType
    HttpResponse<ServiceAccountKeyResponse> create(@Body byte[] body) {
        CreateServiceAccountRequest request = json.read(body, CreateServiceAccountRequest.class);
        FieldErrors errors = new FieldErrors();
        if (request.name() == null) {
            errors.add("name", "is required");
        }
        Set<Scope> scopes = scopes(request.scopes(), errors);
        errors.throwIfAny();
        IssuedKey issued = createAccount.create(new CreateServiceAccountCommand(request.name(), scopes));
        return HttpResponse.created(ServiceAccountKeyResponse.of(issued), URI.create(PATH + "/" + issued.account().id()));
    }

    @Get
    @Operation(operationId = "listServiceAccounts", summary = "List service accounts",
            description = "ADMIN. Every service account, revoked ones included, oldest first. Keys are never shown.")
    ServiceAccountListResponse list() {
        return new ServiceAccountListResponse(listAccounts.list().stream().map(ServiceAccountResponse::of).toList());
    }

    @Get("/{id}")
    @Operation(operationId = "getServiceAccount", summary = "Read one service account",
            description = "ADMIN. Revoked accounts too (active false). The key is never shown.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.SERVICE_ACCOUNT_ID)
    @ApiResponse(responseCode = "404", description = "No service account with that id (not-found).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    ServiceAccountResponse get(@PathVariable String id) {
        return ServiceAccountResponse.of(getAccount.get(accountId(id)));
    }

    @Delete("/{id}")
    @Operation(operationId = "revokeServiceAccount", summary = "Revoke a service account",
            description = "ADMIN. Its key is refused (401) from the next request on; the account stays listed as revoked. "
                    + "Idempotent.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.SERVICE_ACCOUNT_ID)
    @ApiResponse(responseCode = "204", description = "Revoked (or already revoked); no body.")
    @ApiResponse(responseCode = "404", description = "No service account with that id (not-found).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> revoke(@PathVariable String id) {
        revokeAccount.revoke(accountId(id));
        return HttpResponse.noContent();
    }

    @Post("/{id}/key")
    @Operation(operationId = "rotateServiceAccountKey", summary = "Issue a new API key to a service account",
            description = "ADMIN. The new apiKey is shown only in this answer; the previous key is refused (401) from the "
                    + "next request on. 409 invalid-state for a revoked account.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.SERVICE_ACCOUNT_ID)
    @ApiResponse(responseCode = "200", description = "The account with its new apiKey. Store it now: it is never shown again.",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No service account with that id (not-found).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The service account is revoked (invalid-state); create a new one.",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    ServiceAccountKeyResponse rotate(@PathVariable String id) {
        return ServiceAccountKeyResponse.of(rotateKey.rotate(accountId(id)));
    }

    private static UUID accountId(String text) {
        try {
            return UserId.parse(text).value(); // the same canonical 8-4-4-4-12 form as every id in the API
        } catch (InvalidUserDataException e) {
            throw InvalidRequestException.of("id", "must be a UUID");
        }
    }

    /** The scopes named, or an error under {@code scopes}: unknown names, duplicates, nulls and an empty list are refused. */
    private static Set<Scope> scopes(List<String> names, FieldErrors errors) {
        if (names == null) {
            errors.add("scopes", "is required");
            return Set.of();
        }
        if (names.isEmpty()) {
            errors.add("scopes", "must name at least one scope");
            return Set.of();
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            Optional<Scope> scope = Optional.ofNullable(name).flatMap(Scope::fromWireName);
            if (scope.isEmpty() || !seen.add(name)) {
                errors.add("scopes", SCOPES_RULE);
                return Set.of();
            }
            scopes.add(scope.get());
        }
        return scopes;
    }
}

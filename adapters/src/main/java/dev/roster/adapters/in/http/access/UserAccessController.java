package dev.roster.adapters.in.http.access;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.application.port.in.access.ChangeRoleCommand;
import dev.roster.application.port.in.access.GrantRoleUseCase;
import dev.roster.application.port.in.access.RevokeRoleUseCase;
import dev.roster.application.port.in.access.RevokeSessionsUseCase;
import dev.roster.application.port.in.access.SetPasswordCommand;
import dev.roster.application.port.in.access.SetPasswordUseCase;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import dev.roster.adapters.in.http.users.EntityTags;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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

/** Access administration of one user: roles, password and sessions. Administrators only. */
@Controller("/api/v1/users/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "access")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
@ApiDoc.NotFound
@ApiDoc.PreconditionFailed
final class UserAccessController {
    private final GrantRoleUseCase grantRole;
    private final RevokeRoleUseCase revokeRole;
    private final SetPasswordUseCase setPassword;
    private final RevokeSessionsUseCase revokeSessions;
    private final JsonBodies json;

    UserAccessController(GrantRoleUseCase grantRole, RevokeRoleUseCase revokeRole, SetPasswordUseCase setPassword,
                         RevokeSessionsUseCase revokeSessions, JsonBodies json) {
        this.revokeSessions = revokeSessions;
        this.grantRole = grantRole;
        this.revokeRole = revokeRole;
        this.setPassword = setPassword;
        this.json = json;
    }

    @Put("/roles/{role}")
    @Operation(operationId = "grantRole", summary = "Grant a role (idempotent)",
            description = "ADMIN. 400 for an unknown role; 409 invalid-state when the user's state does not allow it.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "role", in = ParameterIn.PATH, ref = ApiDoc.ROLE_IN_PATH)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    @ApiDoc.Conflict
    HttpResponse<Void> grant(@PathVariable String id, @PathVariable String role, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        grantRole.grant(new ChangeRoleCommand(UserId.parse(id), Role.parse(role), EntityTags.requiredVersion(ifMatch)));
        return HttpResponse.noContent();
    }

    @Delete("/roles/{role}")
    @Operation(operationId = "revokeRole", summary = "Revoke a role (idempotent)",
            description = "ADMIN. 400 for an unknown role; 409 last-admin when it would leave no active administrator. The "
                    + "user's tokens stop working.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "role", in = ParameterIn.PATH, ref = ApiDoc.ROLE_IN_PATH)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    @ApiDoc.Conflict
    HttpResponse<Void> revoke(@PathVariable String id, @PathVariable String role, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        revokeRole.revoke(new ChangeRoleCommand(UserId.parse(id), Role.parse(role), EntityTags.requiredVersion(ifMatch)));
        return HttpResponse.noContent();
    }

    @Post("/sessions/revoke")
    @Operation(operationId = "revokeUserSessions", summary = "Sign a user out everywhere",
            description = "ADMIN. Every token issued to the user so far stops working for good. 404 for an unknown user.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    HttpResponse<Void> revokeSessions(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        revokeSessions.revokeSessions(UserId.parse(id), EntityTags.requiredVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Put("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setUserPassword", summary = "Set a user's password",
            description = "ADMIN. 400 weak-password when the policy refuses it; 409 invalid-state when the user's state does "
                    + "not allow it; 429 after too many changes for one user. The user's tokens stop working.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasswordRequests.SetPasswordRequest.class)))
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    @ApiDoc.Conflict
    @ApiDoc.UnsupportedMediaType
    @ApiDoc.TooManyRequests
    HttpResponse<Void> setPassword(@PathVariable String id, @Body byte[] body, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        UserId userId = UserId.parse(id);
        PasswordRequests.SetPasswordRequest request = json.read(body, PasswordRequests.SetPasswordRequest.class);
        setPassword.setPassword(new SetPasswordCommand(userId,
                new PlainPassword(PasswordRequests.required("password", request.password())), EntityTags.requiredVersion(ifMatch)));
        return HttpResponse.noContent();
    }
}

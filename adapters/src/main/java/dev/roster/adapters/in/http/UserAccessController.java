package dev.roster.adapters.in.http;

import dev.roster.application.port.in.ChangeRoleCommand;
import dev.roster.application.port.in.DeactivateUserUseCase;
import dev.roster.application.port.in.GrantRoleUseCase;
import dev.roster.application.port.in.ReactivateUserUseCase;
import dev.roster.application.port.in.PurgeUserCommand;
import dev.roster.application.port.in.PurgeUserUseCase;
import dev.roster.application.port.in.RestoreUserUseCase;
import dev.roster.application.port.in.RevokeRoleUseCase;
import dev.roster.application.port.in.SoftDeleteUserUseCase;
import dev.roster.application.port.in.SetPasswordCommand;
import dev.roster.application.port.in.SetPasswordUseCase;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Access administration of one user: roles, password, activation. Administrators only. */
@Controller("/api/v1/users/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "access")
final class UserAccessController {
    private final GrantRoleUseCase grantRole;
    private final RevokeRoleUseCase revokeRole;
    private final SetPasswordUseCase setPassword;
    private final DeactivateUserUseCase deactivate;
    private final ReactivateUserUseCase reactivate;
    private final SoftDeleteUserUseCase softDelete;
    private final RestoreUserUseCase restore;
    private final PurgeUserUseCase purge;
    private final JsonBodies json;

    UserAccessController(GrantRoleUseCase grantRole, RevokeRoleUseCase revokeRole, SetPasswordUseCase setPassword,
                         DeactivateUserUseCase deactivate, ReactivateUserUseCase reactivate,
                         SoftDeleteUserUseCase softDelete, RestoreUserUseCase restore, PurgeUserUseCase purge,
                         JsonBodies json) {
        this.purge = purge;
        this.softDelete = softDelete;
        this.restore = restore;
        this.grantRole = grantRole;
        this.revokeRole = revokeRole;
        this.setPassword = setPassword;
        this.deactivate = deactivate;
        this.reactivate = reactivate;
        this.json = json;
    }

    @Put("/roles/{role}")
    @Operation(summary = "Grant a role (idempotent)", description = "400 for an unknown role.")
    HttpResponse<Void> grant(@PathVariable String id, @PathVariable String role) {
        grantRole.grant(new ChangeRoleCommand(UserId.parse(id), Role.parse(role)));
        return HttpResponse.noContent();
    }

    @Delete("/roles/{role}")
    @Operation(summary = "Revoke a role (idempotent)", description = "409 last-admin when it would leave no active administrator.")
    HttpResponse<Void> revoke(@PathVariable String id, @PathVariable String role) {
        revokeRole.revoke(new ChangeRoleCommand(UserId.parse(id), Role.parse(role)));
        return HttpResponse.noContent();
    }

    @Put("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a user's password", description = "400 weak-password when the policy refuses it.")
    @RequestBody(content = @Content(schema = @Schema(implementation = PasswordRequests.SetPasswordRequest.class)))
    HttpResponse<Void> setPassword(@PathVariable String id, @Body byte[] body) {
        UserId userId = UserId.parse(id);
        PasswordRequests.SetPasswordRequest request = json.read(body, PasswordRequests.SetPasswordRequest.class);
        setPassword.setPassword(new SetPasswordCommand(userId,
                new PlainPassword(PasswordRequests.required("password", request.password()))));
        return HttpResponse.noContent();
    }

    @Post("/deactivate")
    @Operation(summary = "Deactivate (ACTIVE → DEACTIVATED)", description = "The user's tokens stop working at once. 409 last-admin, 409 invalid-state.")
    HttpResponse<UserResponse> deactivate(@PathVariable String id) {
        return EntityTags.ok(deactivate.deactivate(UserId.parse(id)));
    }

    @Delete
    @Operation(summary = "Delete: soft (restorable, idempotent) or, with hard=true, purge",
            description = "Soft: hidden from lists unless status asks for DELETED. Purge: 409 user-has-resources while "
                    + "files exist unless cascade=true (files and user go in one transaction); rate-limited. 409 last-admin.")
    HttpResponse<Void> delete(@PathVariable String id, @QueryValue @Nullable String hard, @QueryValue @Nullable String cascade) {
        UserId userId = UserId.parse(id);
        boolean purgeIt = QueryFlags.flag("hard", hard);
        boolean cascading = QueryFlags.flag("cascade", cascade);
        if (cascading && !purgeIt) {
            throw InvalidRequestException.of("cascade", "only applies to hard=true");
        }
        if (purgeIt) {
            purge.purge(new PurgeUserCommand(userId, cascading));
        } else {
            softDelete.softDelete(userId);
        }
        return HttpResponse.noContent();
    }

    @Post("/restore")
    @Operation(summary = "Restore a deleted user", description = "Back to the status it had before deletion; 409 invalid-state otherwise.")
    HttpResponse<UserResponse> restore(@PathVariable String id) {
        return EntityTags.ok(restore.restore(UserId.parse(id)));
    }

    @Post("/reactivate")
    @Operation(summary = "Reactivate (DEACTIVATED → ACTIVE)", description = "409 invalid-state.")
    HttpResponse<UserResponse> reactivate(@PathVariable String id) {
        return EntityTags.ok(reactivate.reactivate(UserId.parse(id)));
    }
}

package dev.roster.adapters.in.http.lifecycle;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.QueryFlags;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.users.EntityTags;
import dev.roster.adapters.in.http.users.UserResponse;
import dev.roster.application.port.in.lifecycle.DeactivateUserUseCase;
import dev.roster.application.port.in.lifecycle.PurgeUserCommand;
import dev.roster.application.port.in.lifecycle.PurgeUserUseCase;
import dev.roster.application.port.in.lifecycle.ReactivateUserUseCase;
import dev.roster.application.port.in.lifecycle.RestoreUserUseCase;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The lifecycle of one user: deactivate and reactivate, soft delete and restore, purge. Administrators only. */
@Controller("/api/v1/users/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "lifecycle")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
@ApiDoc.NotFound
@ApiDoc.Conflict
@ApiDoc.PreconditionFailed
final class UserLifecycleController {
    private final DeactivateUserUseCase deactivate;
    private final ReactivateUserUseCase reactivate;
    private final SoftDeleteUserUseCase softDelete;
    private final RestoreUserUseCase restore;
    private final PurgeUserUseCase purge;

    UserLifecycleController(DeactivateUserUseCase deactivate, ReactivateUserUseCase reactivate,
                            SoftDeleteUserUseCase softDelete, RestoreUserUseCase restore, PurgeUserUseCase purge) {
        this.deactivate = deactivate;
        this.reactivate = reactivate;
        this.softDelete = softDelete;
        this.restore = restore;
        this.purge = purge;
    }

    @Post("/deactivate")
    @Operation(operationId = "deactivateUser", summary = "Deactivate (ACTIVE → DEACTIVATED)",
            description = "ADMIN. The user's tokens stop working at once. 409 last-admin, 409 invalid-state.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiDoc.OkWithEtag
    HttpResponse<UserResponse> deactivate(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return EntityTags.ok(deactivate.deactivate(UserId.parse(id), EntityTags.requiredVersion(ifMatch)));
    }

    @Delete
    @Operation(operationId = "deleteUser", summary = "Delete: soft (restorable, idempotent) or, with hard=true, purge",
            description = "ADMIN. Soft: hidden from lists unless status asks for DELETED. Purge: 409 user-has-resources while "
                    + "files exist unless cascade=true (files and user go in one transaction), 409 legal-hold; rate-limited "
                    + "(429). 409 last-admin.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "hard", in = ParameterIn.QUERY, ref = ApiDoc.HARD)
    @Parameter(name = "cascade", in = ParameterIn.QUERY, ref = ApiDoc.CASCADE)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    @ApiDoc.TooManyRequests
    HttpResponse<Void> delete(@PathVariable String id, @QueryValue @Nullable String hard, @QueryValue @Nullable String cascade,
                              @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        UserId userId = UserId.parse(id);
        boolean purgeIt = QueryFlags.flag("hard", hard);
        boolean cascading = QueryFlags.flag("cascade", cascade);
        if (cascading && !purgeIt) {
            throw InvalidRequestException.of("cascade", "only applies to hard=true");
        }
        if (purgeIt) {
            purge.purge(new PurgeUserCommand(userId, cascading, EntityTags.requiredVersion(ifMatch)));
        } else {
            softDelete.softDelete(userId, EntityTags.requiredVersion(ifMatch));
        }
        return HttpResponse.noContent();
    }

    @Post("/restore")
    @Operation(operationId = "restoreUser", summary = "Restore a deleted user",
            description = "ADMIN. Back to the status it had before deletion; 409 invalid-state otherwise.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiDoc.OkWithEtag
    HttpResponse<UserResponse> restore(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return EntityTags.ok(restore.restore(UserId.parse(id), EntityTags.requiredVersion(ifMatch)));
    }

    @Post("/reactivate")
    @Operation(operationId = "reactivateUser", summary = "Reactivate (DEACTIVATED → ACTIVE)", description = "ADMIN. 409 invalid-state.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiDoc.OkWithEtag
    HttpResponse<UserResponse> reactivate(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return EntityTags.ok(reactivate.reactivate(UserId.parse(id), EntityTags.requiredVersion(ifMatch)));
    }
}

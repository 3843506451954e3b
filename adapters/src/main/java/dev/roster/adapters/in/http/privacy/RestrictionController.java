package dev.roster.adapters.in.http.privacy;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.application.port.in.privacy.LiftRestrictionUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Lifting the restriction of processing (GDPR Art. 18) that a completed RESTRICTION request placed on a user. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "privacy")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class RestrictionController {
    private final LiftRestrictionUseCase lift;

    RestrictionController(LiftRestrictionUseCase lift) {
        this.lift = lift;
    }

    @Delete("/users/{id}/restriction")
    @Operation(operationId = "liftRestriction", summary = "Lift the restriction of processing",
            description = "ADMIN. The user is included in bulk exports again. Idempotent; audited and emits "
                    + "user.restriction_lifted when the user was restricted.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @ApiResponse(responseCode = "204", description = "Lifted (or there was none); no body.")
    @ApiDoc.NotFound
    HttpResponse<Void> liftRestriction(@PathVariable String id) {
        lift.liftRestriction(UserId.parse(id));
        return HttpResponse.noContent();
    }
}

package dev.roster.adapters.in.http.privacy;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.application.port.in.privacy.ReplayErasureLedgerUseCase;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The erasure ledger (SPEC §8, ADR 0021): a replay on request, the same one Roster runs at every start-up, for an
 * operator who restored a backup under a running instance.
 */
@Controller("/api/v1/erasure-ledger")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "gdpr")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class ErasureLedgerController {
    private final ReplayErasureLedgerUseCase replay;

    ErasureLedgerController(ReplayErasureLedgerUseCase replay) {
        this.replay = replay;
    }

    @Post("/replay")
    @Operation(operationId = "replayErasureLedger", summary = "Erase again whoever the erasure ledger lists but the database shows not erased",
            description = "ADMIN. Roster runs this at every start-up; run it after restoring a database backup under a running "
                    + "instance. Each listed user whom the database shows present but not erased is erased again (a new receipt, "
                    + "audited as user.erasure_replayed, published as user.anonymized; a legal hold is lifted, the last-admin "
                    + "rule does not apply). Users not in the database are counted, never created. Idempotent. 503 "
                    + "service-unavailable when the ledger cannot be read.")
    @ApiResponse(responseCode = "200", description = "What the replay did.", useReturnTypeSchema = true)
    LedgerReplayResponse replay() {
        return LedgerReplayResponse.of(replay.replay());
    }
}

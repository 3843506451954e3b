package dev.roster.adapters.in.http.erasure;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.application.port.in.erasure.ExportDataPackageUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The data package of one user (GDPR Art. 15 access and Art. 20 portability). */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "gdpr")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class DataPackageController {
    private final ExportDataPackageUseCase exportData;

    DataPackageController(ExportDataPackageUseCase exportData) {
        this.exportData = exportData;
    }

    @Get("/users/{id}/export")
    @Operation(operationId = "exportUserData", summary = "The user's data package (GDPR Art. 15/20)",
            description = "ADMIN or AUDITOR. A JSON file: profile, files, audit events about the user, purposes and retention. "
                    + "Audited; 429 rate-limited.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @ApiResponse(responseCode = "200", description = "The data package, as a file to save.", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = ApiDoc.DISPOSITION_DESCRIPTION,
                    schema = @Schema(type = "string", maxLength = 200, pattern = ApiDoc.DISPOSITION_PATTERN)))
    @ApiDoc.NotFound
    @ApiDoc.TooManyRequests
    HttpResponse<DataPackageResponse> export(@PathVariable String id) {
        UserId userId = UserId.parse(id);
        return HttpResponse.ok(DataPackageResponse.of(exportData.export(userId)))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"roster-data-" + userId + ".json\"");
    }
}

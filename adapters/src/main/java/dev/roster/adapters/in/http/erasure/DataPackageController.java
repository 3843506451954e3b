package dev.roster.adapters.in.http.erasure;

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
import io.swagger.v3.oas.annotations.tags.Tag;

/** The data package of one user (GDPR Art. 15 access and Art. 20 portability). */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "gdpr")
final class DataPackageController {
    private final ExportDataPackageUseCase exportData;

    DataPackageController(ExportDataPackageUseCase exportData) {
        this.exportData = exportData;
    }

    @Get("/users/{id}/export")
    @Operation(summary = "The user's data package (GDPR Art. 15/20)",
            description = "Profile, files, audit events about the user, purposes and retention. Audited; 429 rate-limited.")
    HttpResponse<DataPackageResponse> export(@PathVariable String id) {
        UserId userId = UserId.parse(id);
        return HttpResponse.ok(DataPackageResponse.of(exportData.export(userId)))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"roster-data-" + userId + ".json\"");
    }
}

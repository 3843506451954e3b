package dev.roster.adapters.in.http.common;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/**
 * {@code GET /api/v1}: where the API's resources are, for any authenticated caller. It reads nothing, so it is also
 * the baseline the load benchmark compares the user reads with (the same routing, token check and JSON writing).
 */
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "api")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
final class ApiIndexController {
    private static final ApiIndex INDEX = new ApiIndex("v1", Map.ofEntries(
            Map.entry("users", "/api/v1/users"),
            Map.entry("me", "/api/v1/me"),
            Map.entry("export", "/api/v1/users/export"),
            Map.entry("import", "/api/v1/users/import"),
            Map.entry("statistics", "/api/v1/stats/users"),
            Map.entry("auditEvents", "/api/v1/audit-events"),
            Map.entry("events", "/api/v1/events"),
            Map.entry("serviceAccounts", "/api/v1/service-accounts"),
            Map.entry("webhooks", "/api/v1/webhooks"),
            Map.entry("privacyRequests", "/api/v1/privacy-requests"),
            Map.entry("erasureRecipients", "/api/v1/erasure-recipients"),
            Map.entry("openapi", "/swagger/roster-v1.yml")));

    @Serdeable
    record ApiIndex(@Schema(allowableValues = "v1") String version, @Schema(ref = ApiDoc.LINKS) Map<String, String> links) {
    }

    @Get
    @Operation(operationId = "getApiIndex", summary = "The API's entry point: links to its resources",
            description = "Any authenticated user.")
    ApiIndex index() {
        return INDEX;
    }
}

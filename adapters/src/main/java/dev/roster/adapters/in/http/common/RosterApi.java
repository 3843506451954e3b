package dev.roster.adapters.in.http.common;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The OpenAPI document's header; the processor writes the document under META-INF/swagger at compile time. */
@OpenAPIDefinition(info = @Info(title = "Roster", version = "v1",
        description = "User repository: the system of record for user accounts. Errors are RFC 9457 problem documents."))
final class RosterApi {
    private RosterApi() {
    }
}

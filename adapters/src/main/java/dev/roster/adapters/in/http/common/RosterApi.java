package dev.roster.adapters.in.http.common;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The OpenAPI document's header: info, the server, the bearer scheme (each secured controller names it with
 * {@code @SecurityRequirement}; /login does not), and the tags. The processor writes the document under META-INF/swagger at compile time,
 * merged with adapters/src/main/openapi (docs/architecture.md, "How an endpoint is documented").
 */
@OpenAPIDefinition(
        info = @Info(title = "Roster", version = "v1",
                description = "User repository: the system of record for user accounts. Log in with POST /login for a "
                        + "bearer token and send it as `Authorization: Bearer <token>` (services send their API key the "
                        + "same way). Errors are RFC 9457 problem "
                        + "documents (`application/problem+json`); every API answer carries `Cache-Control: no-store` "
                        + "and `X-Content-Type-Options: nosniff`. Unknown query parameters and unknown body members are "
                        + "refused with 400."),
        servers = @Server(url = "/", description = "The instance serving this document (local, staging or production alike).",
                extensions = @Extension(properties = @ExtensionProperty(name = "x-internal", value = "true", parseValue = true))),
        tags = {
                @Tag(name = "authentication", description = "Log in for a bearer token."),
                @Tag(name = "api", description = "The entry point."),
                @Tag(name = "users", description = "Create, read, list, count, change, upsert, bulk and import users."),
                @Tag(name = "lifecycle", description = "Deactivate, reactivate, soft delete, restore and purge."),
                @Tag(name = "access", description = "Roles, passwords and sessions of a user (administrators)."),
                @Tag(name = "files", description = "The files (metadata) a user owns."),
                @Tag(name = "gdpr", description = "Erasure (Art. 17), receipts, legal holds, data packages (Art. 15/20) and the "
                        + "erasure ledger that erases again whoever a restored backup brings back."),
                @Tag(name = "self-service", description = "The caller's own account."),
                @Tag(name = "exports", description = "Streamed CSV, NDJSON and JSON exports of users."),
                @Tag(name = "statistics", description = "Signups and user counts."),
                @Tag(name = "audit", description = "The hash-chained audit trail."),
                @Tag(name = "events", description = "The change feed: every committed change to a user, in commit order, PII-free."),
                @Tag(name = "service-accounts", description = "API keys for services and scrapers, limited to read scopes."),
                @Tag(name = "webhooks", description = "Signed webhooks (Standard Webhooks): subscriptions, secrets, deliveries."),
                @Tag(name = "privacy", description = "GDPR requests (access, portability, erasure, rectification, restriction, "
                        + "objection) with their due dates, extension, fulfilment and refusal; lifting a restriction."),
                @Tag(name = "erasure-recipients", description = "Services asked to erase a user when Roster does, and their signed confirmations.")})
@SecurityScheme(name = ApiDoc.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT from POST /login (its access_token), signed with HS256 and handled as RFC8725 advises: "
                + "unsigned (alg none) and foreign-key tokens are refused, exp, iat and iss are required and checked, iat "
                + "and nbf in the future are refused, and a token stops working for good once its user signs out "
                + "everywhere, changes password or loses access. Or a service account's API key (rsk_ followed by 43 "
                + "base64url characters): it reaches only the endpoints of its scopes, and is refused once revoked or "
                + "rotated.")
@SecurityScheme(name = ApiDoc.RECIPIENT_SIGNATURE, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "webhook-signature",
        description = "An erasure recipient's signature, made as Standard Webhooks signs (only for its confirmations): "
                + "webhook-signature is v1, and the standard base64 of HMAC-SHA256 (key: the bytes of the recipient's secret "
                + "after whsec_) over webhook-id.webhook-timestamp.body; webhook-id and webhook-timestamp (Unix seconds, "
                + "within 5 minutes of now) are sent beside it.")
final class RosterApi {
    private RosterApi() {
    }
}

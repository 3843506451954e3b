package dev.roster.adapters.in.http.audit;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.port.in.audit.ListAuditEventsQuery;
import dev.roster.application.port.in.audit.ListAuditEventsUseCase;
import dev.roster.application.port.in.audit.VerifyAuditChainUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.Optional;

/** The audit trail, for administrators, auditors and service accounts with audit:read: filtered pages, and verification of the hash chain. */
@Controller("/api/v1/audit-events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.AUDITOR, Roles.AUDIT_READ})
@Tag(name = "audit")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class AuditController {
    private static final int DEFAULT_LIMIT = 50;

    private final ListAuditEventsUseCase listEvents;
    private final VerifyAuditChainUseCase verifyChain;

    AuditController(ListAuditEventsUseCase listEvents, VerifyAuditChainUseCase verifyChain) {
        this.listEvents = listEvents;
        this.verifyChain = verifyChain;
    }

    @Get
    @Operation(operationId = "listAuditEvents", summary = "List audit events", description = "ADMIN, AUDITOR or a service account with audit:read. Oldest first, or "
            + "newest first with sort=-occurredAt (the order the events were recorded in); filters userId (the target), actorId, "
            + "action, from (inclusive), to (exclusive). nextCursor is null on the last page.")
    @Parameter(name = "userId", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_USER_ID)
    @Parameter(name = "actorId", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_ACTOR_ID)
    @Parameter(name = "action", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_ACTION)
    @Parameter(name = "from", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_FROM)
    @Parameter(name = "to", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_TO)
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_LIMIT)
    @Parameter(name = "cursor", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_CURSOR)
    @Parameter(name = "sort", in = ParameterIn.QUERY, ref = ApiDoc.AUDIT_SORT)
    AuditEventPageResponse list(@QueryValue @Nullable String userId, @QueryValue @Nullable String actorId,
                                @QueryValue @Nullable String action, @QueryValue @Nullable String from,
                                @QueryValue @Nullable String to, @QueryValue @Nullable String limit,
                                @QueryValue @Nullable String cursor, @QueryValue @Nullable String sort) {
        FieldErrors errors = new FieldErrors();
        Optional<UserId> target = Optional.ofNullable(blankToNull(userId)).map(id -> errors.attemptAs("userId", () -> UserId.parse(id)));
        Optional<UserId> actor = Optional.ofNullable(blankToNull(actorId)).map(id -> errors.attemptAs("actorId", () -> UserId.parse(id)));
        Optional<AuditAction> wanted = Optional.ofNullable(blankToNull(action)).flatMap(name -> {
            Optional<AuditAction> known = AuditAction.fromWireName(name);
            if (known.isEmpty()) {
                errors.add("action", "is not an audit action (e.g. user.created, login.failed)");
            }
            return known;
        });
        Optional<Instant> fromInstant = Optional.ofNullable(errors.instant("from", from));
        Optional<Instant> toInstant = Optional.ofNullable(errors.instant("to", to));
        int pageSize = DEFAULT_LIMIT;
        if (blankToNull(limit) != null) {
            try {
                pageSize = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                errors.add("limit", "must be a whole number");
            }
        }
        boolean newestFirst = false;
        if (blankToNull(sort) != null) {
            switch (sort.strip()) {
                case "occurredAt" -> newestFirst = false;
                case "-occurredAt" -> newestFirst = true;
                default -> errors.add("sort", "must be occurredAt (oldest first) or -occurredAt (newest first)");
            }
        }
        errors.throwIfAny();
        ListAuditEventsQuery query = new ListAuditEventsQuery(new AuditFilter(target, actor, wanted, fromInstant, toInstant),
                pageSize, Optional.ofNullable(blankToNull(cursor)), newestFirst);
        return AuditEventPageResponse.of(listEvents.list(query));
    }

    @Get("/verify")
    @Operation(operationId = "verifyAuditChain", summary = "Verify the audit hash chain",
            description = "ADMIN, AUDITOR or a service account with audit:read. Recomputes every hash; reports the first broken link.")
    ChainVerificationResponse verify() {
        return ChainVerificationResponse.of(verifyChain.verify());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

package dev.roster.adapters.in.http.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.JsonErrors;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.problem.ProblemMapper;
import dev.roster.adapters.in.http.users.CreateUserRequest;
import dev.roster.adapters.in.http.users.MergePatches;
import dev.roster.adapters.in.http.users.UserRequests;
import dev.roster.adapters.in.http.users.UserResponse;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.bulk.ApplyBulkUseCase;
import dev.roster.application.port.in.bulk.BulkOperation;
import dev.roster.application.port.in.bulk.BulkResult;
import dev.roster.application.port.in.users.UpdateUserCommand;
import dev.roster.domain.user.DomainException;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/v1/users/bulk}: up to 1000 create/update/delete operations. The whole request is checked first
 * (any malformed operation is a 400 naming it, nothing applied); then it runs atomically or operation by operation.
 */
@Controller("/api/v1/users/bulk")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "users")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class BulkController {
    private static final Set<String> REQUEST_MEMBERS = Set.of("atomic", "operations");
    private static final Set<String> OPERATION_MEMBERS = Set.of("op", "user", "id", "changes");

    private final ApplyBulkUseCase bulk;
    private final JsonBodies json;
    private final JsonMapper mapper;

    BulkController(ApplyBulkUseCase bulk, JsonBodies json, JsonMapper mapper) {
        this.bulk = bulk;
        this.json = json;
        this.mapper = mapper;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResultResponse(@Schema(minimum = "0", maximum = "999") int index, @Schema(allowableValues = {"create", "update", "delete"}) String op,
                          @Schema(allowableValues = {"created", "updated", "deleted", "failed", "rolled-back", "not-attempted"}) String status,
                          @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) @Nullable UUID id, @Nullable UserResponse user,
                          @Nullable Problem problem) {
    }

    @Serdeable
    record BulkResponse(boolean atomic, boolean applied, @ArraySchema(maxItems = 1000) List<ResultResponse> results) {
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "applyBulkOperations", summary = "Apply up to 1000 create/update/delete operations",
            description = "ADMIN. {\"atomic\":bool,\"operations\":[{\"op\":\"create\",\"user\":{}},{\"op\":\"update\",\"id\":..,\"changes\":{}},"
                    + "{\"op\":\"delete\",\"id\":..}]}. Atomic: all or nothing. Each result has a status and an id or a problem "
                    + "(200 even when operations failed; applied says whether anything was written).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiDoc.BULK_REQUEST)))
    @ApiResponse(responseCode = "200", description = "One result per operation, in order.", useReturnTypeSchema = true)
    @ApiDoc.UnsupportedMediaType
    BulkResponse apply(HttpRequest<?> request, @Body byte[] body) {
        JsonNode root = json.readTree(body);
        FieldErrors errors = new FieldErrors();
        if (!root.isObject()) {
            throw InvalidRequestException.of("body", "must be an object with atomic and operations");
        }
        root.entries().forEach(member -> {
            if (!REQUEST_MEMBERS.contains(member.getKey())) {
                errors.add(member.getKey(), "is not a known field");
            }
        });
        JsonNode atomicNode = root.get("atomic");
        if (atomicNode != null && !atomicNode.isBoolean()) {
            errors.add("atomic", "must be true or false");
        }
        JsonNode list = root.get("operations");
        if (list == null || !list.isArray() || list.size() == 0 || list.size() > ApplyBulkUseCase.MAX_OPERATIONS) {
            errors.add("operations", "must be an array of 1 to " + ApplyBulkUseCase.MAX_OPERATIONS + " operations");
        }
        errors.throwIfAny();
        List<BulkOperation> operations = new ArrayList<>(list.size());
        List<String> kinds = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = "operations[" + i + "]";
            JsonNode node = list.get(i);
            try {
                BulkOperation operation = operation(node, at, errors);
                if (operation != null) {
                    operations.add(operation);
                    kinds.add(node.get("op").getStringValue());
                }
            } catch (InvalidRequestException e) {
                e.errors().forEach(error -> errors.add(at + "." + error.field(), error.message()));
            } catch (DomainException | InvalidQueryException e) {
                errors.add(at, e.getMessage());
            }
        }
        errors.throwIfAny();
        boolean atomic = atomicNode != null && atomicNode.getBooleanValue();
        List<BulkResult> results = bulk.apply(atomic, operations);
        boolean applied = results.stream().noneMatch(result -> result.outcome() == BulkResult.Outcome.ROLLED_BACK
                || (atomic && result.outcome() == BulkResult.Outcome.FAILED));
        return new BulkResponse(atomic, applied, results.stream().map(result -> response(result, kinds.get(result.index()), request)).toList());
    }

    private BulkOperation operation(JsonNode node, String at, FieldErrors errors) {
        if (node == null || !node.isObject()) {
            errors.add(at, "must be an object");
            return null;
        }
        for (Map.Entry<String, JsonNode> member : node.entries()) {
            if (!OPERATION_MEMBERS.contains(member.getKey())) {
                errors.add(at + "." + member.getKey(), "is not a known field");
            }
        }
        JsonNode op = node.get("op");
        String kind = op != null && op.isString() ? op.getStringValue() : "";
        switch (kind) {
            case "create" -> {
                JsonNode user = node.get("user");
                if (user == null || !user.isObject()) {
                    errors.add(at + ".user", "must be an object");
                    return null;
                }
                CreateUserRequest request;
                try {
                    request = mapper.readValueFromTree(user, CreateUserRequest.class);
                } catch (IOException | RuntimeException e) {
                    String unknown = JsonErrors.unknownProperty(e).map(name -> "." + name).orElse("");
                    errors.add(at + ".user" + unknown, unknown.isEmpty() ? "does not have the shape of a user" : "is not a known field");
                    return null;
                }
                return new BulkOperation.Create(UserRequests.toCommand(request));
            }
            case "update" -> {
                UserId id = id(node, at, errors);
                JsonNode changes = node.get("changes");
                if (changes == null || !changes.isObject()) {
                    errors.add(at + ".changes", "must be a merge patch object");
                    return null;
                }
                return id == null ? null : new BulkOperation.Update(
                        new UpdateUserCommand(id, OptionalLong.empty(), MergePatches.toProfileChange(changes)));
            }
            case "delete" -> {
                UserId id = id(node, at, errors);
                return id == null ? null : new BulkOperation.Delete(id);
            }
            default -> {
                errors.add(at + ".op", "must be create, update or delete");
                return null;
            }
        }
    }

    private static UserId id(JsonNode node, String at, FieldErrors errors) {
        JsonNode id = node.get("id");
        if (id == null || !id.isString()) {
            errors.add(at + ".id", "is required");
            return null;
        }
        return errors.attemptAs(at + ".id", () -> UserId.parse(id.getStringValue()));
    }

    private static ResultResponse response(BulkResult result, String kind, HttpRequest<?> request) {
        String status = result.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
        UUID id = result.user().map(user -> user.id()).orElse(null);
        UserResponse user = result.user().map(UserResponse::of).orElse(null);
        Problem problem = result.failure().map(failure -> ProblemMapper.problemOfOperation(failure, request)).orElse(null);
        return new ResultResponse(result.index(), kind, status, id, user, problem);
    }
}

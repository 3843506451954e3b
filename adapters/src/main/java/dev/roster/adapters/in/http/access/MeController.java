package dev.roster.adapters.in.http.access;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.erasure.DataPackageResponse;
import dev.roster.adapters.in.http.erasure.ErasureResponses;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.users.EntityTags;
import dev.roster.adapters.in.http.users.MergePatches;
import dev.roster.adapters.in.http.users.UserResponse;
import dev.roster.application.port.in.access.ChangeOwnPasswordCommand;
import dev.roster.application.port.in.access.ChangeOwnPasswordUseCase;
import dev.roster.application.port.in.access.RevokeSessionsUseCase;
import dev.roster.application.port.in.erasure.EraseOwnAccountUseCase;
import dev.roster.application.port.in.erasure.ExportDataPackageUseCase;
import dev.roster.application.port.in.lifecycle.DeleteOwnAccountUseCase;
import dev.roster.application.port.in.users.GetUserUseCase;
import dev.roster.application.port.in.users.UpdateUserCommand;
import dev.roster.application.port.in.users.UpdateUserUseCase;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Self-service for any authenticated user. The user id comes from the token, never from the request, and a patch
 * can reach only displayName, phone and attributes (no email, roles, status or password: no mass assignment).
 */
@Requires(property = "micronaut.security.enabled", notEquals = "false")
@Controller("/api/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "self-service")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
final class MeController {
    private final GetUserUseCase getUser;
    private final UpdateUserUseCase updateUser;
    private final ChangeOwnPasswordUseCase changePassword;
    private final ExportDataPackageUseCase exportData;
    private final EraseOwnAccountUseCase eraseOwnAccount;
    private final RevokeSessionsUseCase revokeSessions;
    private final DeleteOwnAccountUseCase deleteOwnAccount;
    private final JsonBodies json;

    MeController(GetUserUseCase getUser, UpdateUserUseCase updateUser, ChangeOwnPasswordUseCase changePassword,
                 ExportDataPackageUseCase exportData, EraseOwnAccountUseCase eraseOwnAccount,
                 RevokeSessionsUseCase revokeSessions, DeleteOwnAccountUseCase deleteOwnAccount, JsonBodies json) {
        this.deleteOwnAccount = deleteOwnAccount;
        this.revokeSessions = revokeSessions;
        this.exportData = exportData;
        this.eraseOwnAccount = eraseOwnAccount;
        this.getUser = getUser;
        this.updateUser = updateUser;
        this.changePassword = changePassword;
        this.json = json;
    }

    @Get
    @Operation(operationId = "getMe", summary = "Read my account", description = "Any authenticated user.")
    @ApiDoc.OkWithEtag
    HttpResponse<UserResponse> get(Authentication authentication) {
        return EntityTags.ok(getUser.get(self(authentication)));
    }

    @Patch
    @Consumes({JsonBodies.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateMe", summary = "Change my displayName, phone or attributes (JSON merge patch)",
            description = "Any authenticated user. Absent members are kept, null clears; email, roles, status and password "
                    + "cannot be changed here (400). With If-Match, a stale version gives 412; without it a concurrent change is "
                    + "retried, then 409 edit-conflict.")
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @RequestBody(required = true, content = {
            @Content(mediaType = JsonBodies.MERGE_PATCH_JSON, schema = @Schema(ref = ApiDoc.SELF_MERGE_PATCH)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiDoc.SELF_MERGE_PATCH))})
    @ApiDoc.OkWithEtag
    @ApiDoc.Conflict
    @ApiDoc.PreconditionFailed
    @ApiDoc.UnsupportedMediaType
    HttpResponse<UserResponse> update(Authentication authentication, @Body byte[] patch,
                                      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        UpdateUserCommand command = new UpdateUserCommand(self(authentication), EntityTags.requiredVersion(ifMatch),
                MergePatches.toSelfProfileChange(json.readTree(patch)));
        return EntityTags.ok(updateUser.update(command));
    }

    @Put("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMyPassword", summary = "Change my password",
            description = "Any authenticated user. Needs currentPassword (400 validation-failed when it does not match); 400 "
                    + "weak-password; 429 after too many attempts. Every token issued before stops working.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasswordRequests.ChangeOwnPasswordRequest.class)))
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    @ApiDoc.UnsupportedMediaType
    @ApiDoc.TooManyRequests
    HttpResponse<Void> changePassword(Authentication authentication, @Body byte[] body) {
        PasswordRequests.ChangeOwnPasswordRequest request = json.read(body, PasswordRequests.ChangeOwnPasswordRequest.class);
        FieldErrors errors = new FieldErrors();
        if (request.currentPassword() == null || request.currentPassword().isEmpty()) {
            errors.add("currentPassword", "is required");
        }
        if (request.newPassword() == null || request.newPassword().isEmpty()) {
            errors.add("newPassword", "is required");
        }
        errors.throwIfAny();
        changePassword.changeOwnPassword(new ChangeOwnPasswordCommand(self(authentication),
                new PlainPassword(request.currentPassword()), new PlainPassword(request.newPassword())));
        return HttpResponse.noContent();
    }

    @Delete
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "deleteMe", summary = "Delete my account (soft, restorable by an administrator)",
            description = "Any authenticated user. Needs currentPassword (400 when it does not match); every token of mine "
                    + "stops working; 409 last-admin for the last active administrator; 429 after too many attempts.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasswordRequests.ConfirmPasswordRequest.class)))
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    @ApiDoc.Conflict
    @ApiDoc.UnsupportedMediaType
    @ApiDoc.TooManyRequests
    HttpResponse<Void> delete(Authentication authentication, @Body byte[] body) {
        PasswordRequests.ConfirmPasswordRequest request = json.read(body, PasswordRequests.ConfirmPasswordRequest.class);
        String password = PasswordRequests.required("currentPassword", request.currentPassword());
        deleteOwnAccount.deleteOwnAccount(self(authentication), new PlainPassword(password));
        return HttpResponse.noContent();
    }

    @Post("/sessions/revoke")
    @Operation(operationId = "revokeMySessions", summary = "Sign out everywhere",
            description = "Any authenticated user. Every token issued to me so far, this one included, stops working for good; "
                    + "log in again for a new one.")
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    HttpResponse<Void> revokeSessions(Authentication authentication) {
        revokeSessions.revokeSessions(self(authentication));
        return HttpResponse.noContent();
    }

    @Get("/export")
    @Operation(operationId = "exportMyData", summary = "My data package (GDPR Art. 15/20)",
            description = "Any authenticated user. A JSON file: profile, files, audit events about me, purposes and retention. "
                    + "429 when asked for too often.")
    @ApiResponse(responseCode = "200", description = "The data package, as a file to save.", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.CONTENT_DISPOSITION, description = ApiDoc.DISPOSITION_DESCRIPTION,
                    schema = @Schema(type = "string", maxLength = 200, pattern = ApiDoc.DISPOSITION_PATTERN)))
    @ApiDoc.TooManyRequests
    HttpResponse<DataPackageResponse> export(Authentication authentication) {
        UserId self = self(authentication);
        return HttpResponse.ok(DataPackageResponse.of(exportData.export(self)))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"roster-data-" + self + ".json\"");
    }

    @Post("/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "eraseMe", summary = "Erase my account (GDPR Art. 17)",
            description = "Any authenticated user. Needs currentPassword (400 when it does not match); irreversible; returns the "
                    + "erasure receipt. 409 last-admin or legal-hold; 429 rate-limited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasswordRequests.ConfirmPasswordRequest.class)))
    @ApiResponse(responseCode = "200", description = "The erasure receipt.", useReturnTypeSchema = true)
    @ApiDoc.Conflict
    @ApiDoc.UnsupportedMediaType
    @ApiDoc.TooManyRequests
    ErasureResponses.ReceiptResponse erase(Authentication authentication, @Body byte[] body) {
        PasswordRequests.ConfirmPasswordRequest request = json.read(body, PasswordRequests.ConfirmPasswordRequest.class);
        String password = PasswordRequests.required("currentPassword", request.currentPassword());
        return ErasureResponses.ReceiptResponse.of(eraseOwnAccount.eraseOwnAccount(self(authentication), new PlainPassword(password)));
    }

    /** The security rule has checked that the subject is an active user's id. */
    private static UserId self(Authentication authentication) {
        return UserId.parse(authentication.getName());
    }
}

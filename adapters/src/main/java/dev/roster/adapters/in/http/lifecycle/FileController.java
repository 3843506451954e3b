package dev.roster.adapters.in.http.lifecycle;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.application.port.in.lifecycle.AddFileCommand;
import dev.roster.application.port.in.lifecycle.ManageFilesUseCase;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** The files (metadata) a user owns: its resources for the no-resources rule of hard delete. */
@Controller("/api/v1/users/{id}/files")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "files")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
@ApiDoc.NotFound
final class FileController {
    private final ManageFilesUseCase files;
    private final JsonBodies json;

    FileController(ManageFilesUseCase files, JsonBodies json) {
        this.files = files;
        this.json = json;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "listUserFiles", summary = "List the user's files", description = "ADMIN or AUDITOR.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    FileRequests.FileListResponse list(@PathVariable String id) {
        return new FileRequests.FileListResponse(files.list(UserId.parse(id)).stream().map(FileRequests.FileResponse::of).toList());
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addUserFile", summary = "Record a file the user owns",
            description = "ADMIN. name, sizeBytes, contentType; 201 with Location. 409 invalid-state when the user's state does not allow it.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FileRequests.AddFileRequest.class)))
    @ApiResponse(responseCode = "201", description = "Recorded; Location is its path.", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
                    schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)))
    @ApiDoc.Conflict
    @ApiDoc.UnsupportedMediaType
    HttpResponse<FileRequests.FileResponse> add(@PathVariable String id, @Body byte[] body) {
        UserId owner = UserId.parse(id);
        FileRequests.AddFileRequest request = json.read(body, FileRequests.AddFileRequest.class);
        FieldErrors errors = new FieldErrors();
        if (request.sizeBytes() == null) {
            errors.add("sizeBytes", "is required");
        }
        errors.throwIfAny();
        OwnedFile file = files.add(new AddFileCommand(owner, request.name(), request.sizeBytes(), request.contentType()));
        return HttpResponse.created(FileRequests.FileResponse.of(file), URI.create("/api/v1/users/" + id + "/files/" + file.id()));
    }

    @Delete("/{fileId}")
    @Operation(operationId = "removeUserFile", summary = "Remove one of the user's files", description = "ADMIN.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "fileId", in = ParameterIn.PATH, ref = ApiDoc.FILE_ID)
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    HttpResponse<Void> remove(@PathVariable String id, @PathVariable String fileId) {
        UserId owner = UserId.parse(id);
        UUID file;
        try {
            file = UserId.parse(fileId).value();
        } catch (RuntimeException e) {
            throw InvalidRequestException.of("fileId", "must be a UUID");
        }
        files.remove(owner, file);
        return HttpResponse.noContent();
    }
}

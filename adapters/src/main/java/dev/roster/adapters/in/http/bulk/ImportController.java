package dev.roster.adapters.in.http.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.QueryFlags;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.problem.ProblemMapper;
import dev.roster.application.port.in.bulk.ImportAbortedException;
import dev.roster.application.port.in.bulk.ImportError;
import dev.roster.application.port.in.bulk.ImportInputException;
import dev.roster.application.port.in.bulk.ImportOptions;
import dev.roster.application.port.in.bulk.ImportReport;
import dev.roster.application.port.in.bulk.ImportRow;
import dev.roster.application.port.in.bulk.ImportUsersUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/v1/users/import}: a CSV or NDJSON body read as a stream on the blocking executor and applied in
 * batches. Its size limit is {@code roster.import.max-body-size}, separate from the API's 1 MB buffered bodies
 * ({@code micronaut.server.max-request-buffer-size}).
 */
@Controller("/api/v1/users/import")
@Secured(Roles.ADMIN)
@Tag(name = "users")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class ImportController {
    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";

    private final ImportUsersUseCase imports;
    private final JsonMapper json;
    private final JsonBodies jsonBodies;
    private final long maxBodyBytes;

    ImportController(ImportUsersUseCase imports, JsonMapper json, JsonBodies jsonBodies, ImportLimits limits) {
        this.imports = imports;
        this.json = json;
        this.jsonBodies = jsonBodies;
        this.maxBodyBytes = limits.maxBodySize();
    }

    @Serdeable
    record ImportErrorResponse(@Schema(minimum = "1", maximum = ApiDoc.MAX_LONG) long line, @Schema(maxLength = 200) String field,
                               @Schema(maxLength = ApiDoc.TEXT_LENGTH) String message) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ImportReportResponse(boolean dryRun, @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long processed,
                                @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long created,
                                @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long updated,
                                @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long skipped,
                                @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long failed,
                                @ArraySchema(maxItems = Integer.MAX_VALUE, arraySchema = @Schema(description = "The first row errors: roster.import.max-errors of them (default 100).")) List<ImportErrorResponse> errors,
                                boolean errorsTruncated) {
        static ImportReportResponse of(ImportReport report) {
            return new ImportReportResponse(report.dryRun(), report.processed(), report.created(), report.updated(),
                    report.skipped(), report.failed(),
                    report.errors().stream().map(ImportController::error).toList(), report.errorsTruncated());
        }
    }

    /** A problem document for an import that stopped part-way, with what it applied before stopping. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImportStoppedProblem(@Schema(maxLength = 64, pattern = "^/problems/[a-z-]+$") String type, @Schema(maxLength = 100) String title,
                                @Schema(minimum = "400", maximum = "599") int status, @Schema(maxLength = ApiDoc.TEXT_LENGTH) String detail,
                                @Schema(maxLength = 8192) String instance,
                                @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG, description = "The line the import stopped at.") long line,
                                ImportReportResponse report) {
    }

    @Post
    @Consumes({CSV, NDJSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "importUsers", summary = "Import users from CSV or NDJSON, streamed",
            description = "ADMIN. text/csv with a header row, or application/x-ndjson (one object per line), UTF-8. Columns/members: email "
                    + "(required), displayName, phone, attributes (JSON object), roles (JSON array or comma list), passwordHash "
                    + "(argon2id PHC or bcrypt, from another system), createdAt (ISO instant; new users only). dryRun=true "
                    + "checks without writing; onConflict=skip|update|fail says what a row whose email exists does. Rows are "
                    + "written in batches; the report counts processed, created, updated, skipped and failed rows and lists "
                    + "row errors with their line. Columns an export writes that an import cannot set (id, status, active, "
                    + "hasPassword, updatedAt, lastLoginAt, deletedAt, anonymizedAt, version) are accepted and ignored. "
                    + "A body that cannot be read on, or outgrows roster.import.max-body-size, stops the import: 400 "
                    + "malformed-import or 413 payload-too-large, with the line and a report of what was applied before.")
    @Parameter(name = "dryRun", in = ParameterIn.QUERY, ref = ApiDoc.DRY_RUN)
    @Parameter(name = "onConflict", in = ParameterIn.QUERY, ref = ApiDoc.ON_CONFLICT)
    @RequestBody(required = true, description = "UTF-8; at most roster.import.max-body-size bytes (default 1 GiB).", content = {
            @Content(mediaType = CSV, schema = @Schema(type = "string", maxLength = 1073741824)),
            @Content(mediaType = NDJSON, schema = @Schema(type = "string", maxLength = 1073741824))})
    @ApiResponse(responseCode = "200", description = "The report: counts of every row and the first row errors.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "validation-failed (a bad parameter, a charset other than UTF-8) or "
            + "malformed-import (the body cannot be read on; with line and report).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(oneOf = {Problem.class, ImportStoppedProblem.class})))
    @ApiResponse(responseCode = "413", description = "The body outgrew roster.import.max-body-size (payload-too-large; with line "
            + "and report when rows were read), or the request line or header section is too long.",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(oneOf = {Problem.class, ImportStoppedProblem.class})))
    @ApiDoc.UnsupportedMediaType
    @ApiDoc.TooManyRequests
    ImportReportResponse importUsers(HttpRequest<?> request, @Body InputStream body, @QueryValue @Nullable String dryRun,
                                     @QueryValue @Nullable String onConflict) {
        try (body) {
            return importFrom(request, body, dryRun, onConflict);
        } catch (IOException closing) {
            throw new UncheckedIOException(closing);
        }
    }

    /**
     * Reads and applies the body. The caller closes the body whatever happens, so that a refused import (nothing or
     * only part of the body read) releases the rest of the upload instead of leaving the connection waiting on it.
     */
    private ImportReportResponse importFrom(HttpRequest<?> request, InputStream body, String dryRun, String onConflict) {
        boolean dry = QueryFlags.flag("dryRun", dryRun);
        ImportOptions options = new ImportOptions(dry, ImportOptions.OnConflict.parse(onConflict));
        MediaType type = request.getContentType().orElse(MediaType.of(CSV));
        Optional<String> charset = type.getParameters().get("charset");
        if (charset.isPresent() && !StandardCharsets.UTF_8.name().equalsIgnoreCase(charset.get().strip())) {
            throw InvalidRequestException.of("Content-Type", "an import must be UTF-8 (charset=utf-8)");
        }
        long declared = request.getContentLength();
        if (declared > maxBodyBytes) {
            throw new ContentLengthExceededException(maxBodyBytes, declared);
        }
        Iterator<ImportRow> rows;
        try {
            rows = type.getName().toLowerCase(Locale.ROOT).equals(NDJSON)
                    ? ImportReader.ndjson(body, maxBodyBytes, jsonBodies)
                    : ImportReader.csv(body, maxBodyBytes, json);
        } catch (ImportInputException unreadableHeader) {
            throw new ImportAbortedException(new ImportReport(dry, 0, 0, 0, 0, 0, List.of(), false), unreadableHeader);
        }
        return ImportReportResponse.of(imports.importUsers(options, rows));
    }

    private static ImportErrorResponse error(ImportError error) {
        return new ImportErrorResponse(error.line(), error.field(), error.message());
    }

    /** 413 when the body outgrew the limit, 400 when it could not be read on; both say what was applied before. */
    @Singleton
    static final class StoppedHandler implements ExceptionHandler<ImportAbortedException, HttpResponse<ImportStoppedProblem>> {
        @Override
        public HttpResponse<ImportStoppedProblem> handle(HttpRequest request, ImportAbortedException exception) {
            Problem problem = ProblemMapper.answer(exception, request).problem();
            return HttpResponse.<ImportStoppedProblem>status(HttpStatus.valueOf(problem.status()))
                    .body(new ImportStoppedProblem(problem.type(), problem.title(), problem.status(), problem.detail(),
                            problem.instance(), exception.reason().line(), ImportReportResponse.of(exception.report())))
                    .contentType(MediaType.of(Problem.CONTENT_TYPE));
        }
    }
}

package dev.roster.adapters.in.http.bulk;

import dev.roster.adapters.in.http.common.AlsoAcceptsQuery;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.users.UserFilterParameters;
import dev.roster.adapters.in.http.users.UserResponse;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.bulk.ExportField;
import dev.roster.application.port.in.bulk.ExportUsersUseCase;
import dev.roster.application.port.in.bulk.UserExport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/users/export}: users matching the list filters as CSV, NDJSON or JSON, streamed one keyset
 * page at a time on the blocking executor (constant memory; a client that goes away stops the reading, and no
 * transaction is held between pages). Audited with its row count when complete; rate-limited.
 */
@Controller("/api/v1/users/export")
@Secured({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "exports")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class ExportController {
    private final ExportUsersUseCase exports;
    private final JsonMapper json;
    private final Scheduler blocking;

    ExportController(ExportUsersUseCase exports, JsonMapper json, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.exports = exports;
        this.json = json;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Get
    // the wildcards let the method itself decide on text/* and application/* (the router matches exact types only)
    @Produces({"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON, "text/*", "application/*"})
    @Parameter(name = "attr", in = ParameterIn.QUERY, ref = ApiDoc.ATTR)
    @AlsoAcceptsQuery("attr")
    @Operation(operationId = "exportUsers", summary = "Export users (CSV, NDJSON or JSON), streamed",
            description = "ADMIN or AUDITOR. format=csv|ndjson|json (default csv, or the one export type Accept names), "
                    + "fields=comma list of JSON field names (default all), and the list filters q, status, role, createdFrom, "
                    + "createdTo, attr. CSV cells that could run as formulas get a leading apostrophe. Audited with its row "
                    + "count; 429 rate-limited.")
    @Parameter(name = "format", in = ParameterIn.QUERY, ref = ApiDoc.EXPORT_FORMAT)
    @Parameter(name = "fields", in = ParameterIn.QUERY, ref = ApiDoc.EXPORT_FIELDS)
    @Parameter(name = "q", in = ParameterIn.QUERY, ref = ApiDoc.Q)
    @Parameter(name = "status", in = ParameterIn.QUERY, ref = ApiDoc.STATUS)
    @Parameter(name = "role", in = ParameterIn.QUERY, ref = ApiDoc.ROLE)
    @Parameter(name = "createdFrom", in = ParameterIn.QUERY, ref = ApiDoc.CREATED_FROM)
    @Parameter(name = "createdTo", in = ParameterIn.QUERY, ref = ApiDoc.CREATED_TO)
    @ApiResponse(responseCode = "200", description = "The users, streamed as a file to save.",
            headers = @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = ApiDoc.DISPOSITION_DESCRIPTION,
                    schema = @Schema(type = "string", maxLength = 200, pattern = ApiDoc.DISPOSITION_PATTERN)),
            // application/json first: the processor copies its schema to every @Produces type, the entries after it win
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(schema = @Schema(implementation = UserResponse.class),
                            arraySchema = @Schema(description = "The users (only the chosen fields)."), maxItems = Integer.MAX_VALUE)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "UTF-8, a header row of field names.")),
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", description = "One JSON object per line.")),
                    @Content(mediaType = "text/*", schema = @Schema(type = "string", description = "The CSV, as text/csv.")),
                    @Content(mediaType = "application/*", schema = @Schema(type = "string",
                            description = "With format=ndjson or format=json, as application/x-ndjson or application/json; without format, 406."))})
    @ApiDoc.TooManyRequests
    HttpResponse<Publisher<byte[]>> export(HttpRequest<?> request, @QueryValue @Nullable String format,
                                          @QueryValue @Nullable String fields, @QueryValue @Nullable String q,
                                          @QueryValue @Nullable String status, @QueryValue @Nullable String role,
                                          @QueryValue @Nullable String createdFrom, @QueryValue @Nullable String createdTo) {
        FieldErrors errors = new FieldErrors();
        UserExportWriter.Format chosen = fromAccept(request.accept());
        if (format != null && !format.isBlank()) {
            try {
                chosen = UserExportWriter.Format.parse(format);
            } catch (IllegalArgumentException e) {
                errors.add("format", "must be csv, ndjson or json");
            }
        }
        List<ExportField> selected = errors.attemptAs("fields", () -> ExportField.parseList(fields));
        errors.throwIfAny();
        if (!acceptable(request.accept(), chosen)) {
            // the format parameter wins, but an Accept header that rules its type out is a contradiction
            throw new HttpStatusException(HttpStatus.NOT_ACCEPTABLE, "format=" + chosen.extension() + " produces "
                    + MediaType.of(chosen.contentType()).getName() + ", which the Accept header does not allow");
        }
        UserFilter filter = UserFilterParameters.parse(q, status, role, createdFrom, createdTo, request.getParameters().getAll("attr"));
        UserExport export = exports.start(filter, selected);
        UserExportWriter writer = new UserExportWriter(chosen, selected, json);
        String formatName = chosen.extension();
        // One thread reads the next page while another formats the current one (publishOn keeps two pages asked
        // for): the database and the formatting overlap instead of taking turns.
        AtomicLong rows = new AtomicLong();
        Flux<List<UserView>> pages = Flux.<List<UserView>>generate(sink -> {
            List<UserView> page = export.nextPage();
            if (page.isEmpty()) {
                sink.complete();
            } else {
                sink.next(page);
            }
        }).subscribeOn(blocking);
        Flux<byte[]> body = Flux.concat(
                Mono.fromCallable(writer::start),
                pages.publishOn(blocking, 2).map(page -> {
                    rows.addAndGet(page.size());
                    return writer.page(page);
                }),
                Mono.fromCallable(() -> {
                    export.complete(formatName, rows.get());
                    return writer.end();
                }).subscribeOn(blocking))
                .filter(bytes -> bytes.length > 0);
        String fileName = "roster-users-" + Instant.now().toString().replace(":", "").substring(0, 15) + "." + chosen.extension();
        return HttpResponse.ok((Publisher<byte[]>) body)
                .contentType(MediaType.of(chosen.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
    }

    /** Without a format parameter: the one export type the Accept header names, else CSV. */
    private static UserExportWriter.Format fromAccept(Collection<MediaType> accepted) {
        List<UserExportWriter.Format> named = Arrays.stream(UserExportWriter.Format.values())
                .filter(format -> accepted.stream().anyMatch(type -> type.getName().equals(MediaType.of(format.contentType()).getName())))
                .toList();
        return named.size() == 1 ? named.get(0) : UserExportWriter.Format.CSV;
    }

    /** No Accept header, or one whose types or wildcards include the chosen format's type. */
    static boolean acceptable(Collection<MediaType> accepted, UserExportWriter.Format chosen) {
        if (accepted.isEmpty()) {
            return true;
        }
        MediaType produced = MediaType.of(chosen.contentType());
        return accepted.stream().anyMatch(type -> {
            boolean anyType = type.getType().equals("*");
            boolean typeMatches = anyType || type.getType().equalsIgnoreCase(produced.getType());
            boolean subtypeMatches = type.getSubtype().equals("*") || type.getSubtype().equalsIgnoreCase(produced.getSubtype());
            return typeMatches && subtypeMatches && !isRefused(type);
        });
    }

    /** {@code q=0} means "not acceptable" (RFC 9110 section 12.5.1). */
    private static boolean isRefused(MediaType type) {
        return type.getParameters().get("q").map(q -> {
            try {
                return Double.parseDouble(q) == 0.0;
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }
}

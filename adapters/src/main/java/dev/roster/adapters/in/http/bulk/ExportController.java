package dev.roster.adapters.in.http.bulk;

import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.users.UserFilterParameters;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.bulk.ExportField;
import dev.roster.application.port.in.bulk.ExportUsersUseCase;
import dev.roster.application.port.in.bulk.UserExport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
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
    @Operation(summary = "Export users (CSV, NDJSON or JSON), streamed",
            description = "format=csv|ndjson|json (default csv), fields=comma list of JSON field names (default all), and the "
                    + "list filters q, status, role, createdFrom, createdTo, attr. CSV cells that could run as formulas get a leading apostrophe.")
    HttpResponse<Publisher<byte[]>> export(HttpRequest<?> request, @QueryValue @Nullable String format,
                                          @QueryValue @Nullable String fields, @QueryValue @Nullable String q,
                                          @QueryValue @Nullable String status, @QueryValue @Nullable String role,
                                          @QueryValue @Nullable String createdFrom, @QueryValue @Nullable String createdTo) {
        FieldErrors errors = new FieldErrors();
        UserExportWriter.Format chosen = UserExportWriter.Format.CSV;
        if (format != null && !format.isBlank()) {
            try {
                chosen = UserExportWriter.Format.parse(format);
            } catch (IllegalArgumentException e) {
                errors.add("format", "must be csv, ndjson or json");
            }
        }
        List<ExportField> selected = errors.attemptAs("fields", () -> ExportField.parseList(fields));
        errors.throwIfAny();
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
}

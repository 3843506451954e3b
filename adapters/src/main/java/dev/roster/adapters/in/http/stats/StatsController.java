package dev.roster.adapters.in.http.stats;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.application.port.in.stats.CountUsersByStateUseCase;
import dev.roster.application.port.in.stats.Granularity;
import dev.roster.application.port.in.stats.SignupSeries;
import dev.roster.application.port.in.stats.SignupStatisticsUseCase;
import dev.roster.application.port.in.stats.UserCounts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Signup statistics and user counts, for administrators and auditors. */
@Controller("/api/v1/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.AUDITOR, Roles.STATS_READ})
@Tag(name = "statistics")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class StatsController {
    private final SignupStatisticsUseCase signups;
    private final CountUsersByStateUseCase counts;

    StatsController(SignupStatisticsUseCase signups, CountUsersByStateUseCase counts) {
        this.signups = signups;
        this.counts = counts;
    }

    @Serdeable
    record YearResponse(@Schema(minimum = "1970", maximum = "9999") int year,
                        @Schema(ref = ApiDoc.COUNTS, description = "Months 1 to 12, zero-filled.") Map<String, Long> months) {
    }

    @Serdeable
    record PeriodResponse(@Schema(maxLength = 10, description = "YYYY-MM-DD (day), YYYY-Www (ISO week) or YYYY-MM (month).") String period,
                          @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long count) {
    }

    @Serdeable
    record SeriesResponse(@Schema(allowableValues = {"day", "week", "month"}) String granularity, @Schema(maxLength = 64) String tz,
                          @ArraySchema(maxItems = 3660) List<PeriodResponse> series) {
    }

    @Serdeable
    record UserCountsResponse(@Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long total,
                              @Schema(ref = ApiDoc.COUNTS) Map<String, Long> byStatus, @Schema(ref = ApiDoc.COUNTS) Map<String, Long> byRole) {
    }

    @Get("/signups")
    @Operation(operationId = "getSignupStatistics",
            summary = "Signups per month of a year (UTC), or per day/week/month of a date range in a time zone",
            description = "ADMIN, AUDITOR or a service account with stats:read. Either year=YYYY, or from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive) with "
                    + "granularity=day|week|month (default day) and tz=<IANA zone> (default UTC). Zero-filled; weeks are ISO weeks.")
    @Parameter(name = "year", in = ParameterIn.QUERY, ref = ApiDoc.YEAR)
    @Parameter(name = "from", in = ParameterIn.QUERY, ref = ApiDoc.STATS_FROM)
    @Parameter(name = "to", in = ParameterIn.QUERY, ref = ApiDoc.STATS_TO)
    @Parameter(name = "granularity", in = ParameterIn.QUERY, ref = ApiDoc.GRANULARITY)
    @Parameter(name = "tz", in = ParameterIn.QUERY, ref = ApiDoc.TZ)
    @ApiResponse(responseCode = "200", description = "With year: months 1 to 12; otherwise the series.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {YearResponse.class, SeriesResponse.class})))
    Object signups(@QueryValue @Nullable String year, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                   @QueryValue @Nullable String granularity, @QueryValue @Nullable String tz) {
        if (year != null && !year.isBlank()) {
            if (from != null || to != null || granularity != null || tz != null) {
                throw InvalidRequestException.of("year", "cannot be combined with from, to, granularity or tz");
            }
            int wanted;
            try {
                wanted = Integer.parseInt(year.strip());
            } catch (NumberFormatException e) {
                throw InvalidRequestException.of("year", "must be a year such as 2026");
            }
            Map<String, Long> months = new LinkedHashMap<>();
            new TreeMap<>(signups.signupsByMonth(wanted)).forEach((month, count) -> months.put(Integer.toString(month), count));
            return new YearResponse(wanted, months);
        }
        FieldErrors errors = new FieldErrors();
        LocalDate start = date("from", from, errors);
        LocalDate end = date("to", to, errors);
        Granularity grouping = granularity == null || granularity.isBlank() ? Granularity.DAY
                : errors.attemptAs("granularity", () -> Granularity.parse(granularity));
        ZoneId zone = ZoneId.of("UTC");
        if (tz != null && !tz.isBlank()) {
            try {
                zone = ZoneId.of(tz.strip());
            } catch (DateTimeException e) {
                errors.add("tz", "must be an IANA time zone such as Europe/Berlin");
            }
        }
        errors.throwIfAny();
        SignupSeries series = signups.signups(start, end, grouping, zone);
        return new SeriesResponse(series.granularity().name().toLowerCase(java.util.Locale.ROOT), series.zone().getId(),
                series.series().stream().map(period -> new PeriodResponse(period.period(), period.count())).toList());
    }

    @Get("/users")
    @Operation(operationId = "getUserCounts", summary = "Users by status and by role", description = "ADMIN, AUDITOR or a service account with stats:read.")
    UserCountsResponse users() {
        UserCounts result = counts.countByState();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        result.byStatus().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> byStatus.put(entry.getKey().name(), entry.getValue()));
        Map<String, Long> byRole = new LinkedHashMap<>();
        result.byRole().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> byRole.put(entry.getKey().name(), entry.getValue()));
        return new UserCountsResponse(result.total(), byStatus, byRole);
    }

    private static LocalDate date(String name, String text, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            errors.add(name, "is required (YYYY-MM-DD), unless year is given");
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(name, "must be a date such as 2026-01-31");
            return null;
        }
    }
}

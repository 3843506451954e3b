package dev.roster.adapters.in.http.privacy;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.port.in.privacy.LedgerReplayReport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/erasure-ledger/replay}: what the replay did (counts only). */
@Serdeable
@Schema(description = "What a replay of the erasure ledger did. users = alreadyErased + reErased + notFound.")
public record LedgerReplayResponse(
        @Schema(description = "Whole entries read from the ledger.", minimum = "0", maximum = ApiDoc.MAX_INT) int entriesRead,
        @Schema(description = "Lines that were not whole entries (a crash cut one short, or damage); skipped.",
                minimum = "0", maximum = ApiDoc.MAX_INT) int skippedLines,
        @Schema(description = "Distinct users among the entries.", minimum = "0", maximum = ApiDoc.MAX_INT) int users,
        @Schema(description = "Users the database shows erased already.", minimum = "0", maximum = ApiDoc.MAX_INT) int alreadyErased,
        @Schema(description = "Users present but not erased (a restored backup brought them back): erased again, each with a new "
                + "receipt, audited as user.erasure_replayed.", minimum = "0", maximum = ApiDoc.MAX_INT) int reErased,
        @Schema(description = "Users not in the database at all: counted, never created.", minimum = "0", maximum = ApiDoc.MAX_INT)
        int notFound,
        @Schema(description = "Of the re-erased, those whose legal hold the replay lifted.", minimum = "0", maximum = ApiDoc.MAX_INT)
        int legalHoldsLifted) {

    static LedgerReplayResponse of(LedgerReplayReport report) {
        return new LedgerReplayResponse(report.entriesRead(), report.skippedLines(), report.users(), report.alreadyErased(),
                report.reErased(), report.notFound(), report.legalHoldsLifted());
    }
}

package db.migration;

import dev.roster.bootstrap.AuditChainRelink;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Issue 13 point 5 (ADR 0022): client addresses in the audit trail become erasable. The chain stops hashing raw
 * addresses and hashes a salted commitment to each instead; the existing chain is checked as it was hashed, then
 * re-linked once over the commitments. A chain that does not verify stops the migration (and so the start) unless
 * {@code roster.audit.relink-unverified-chain=true} accepts it, which the re-link event then records.
 */
public class V14__audit_client_address_commitments extends BaseJavaMigration {
    /** The Flyway placeholder that carries {@code roster.audit.relink-unverified-chain} (PostgresMigrationLocations). */
    public static final String ACCEPT_UNVERIFIED = "auditRelinkUnverifiedChain";
    private static final int BATCH_SIZE = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        boolean acceptUnverified = Boolean.parseBoolean(context.getConfiguration().getPlaceholders().getOrDefault(ACCEPT_UNVERIFIED, "false"));
        AuditChainRelink relink = new AuditChainRelink(context.getConnection(), new SecureRandom(), BATCH_SIZE);
        // checked before anything changes: a refused migration leaves the trail as it was
        Optional<AuditChainRelink.Break> broken = relink.checkLegacyChain();
        if (broken.isPresent() && !acceptUnverified) {
            throw new FlywayException("The audit chain does not verify at event " + broken.get().sequence() + " ("
                    + broken.get().problem() + "), so V14 does not re-link it over address commitments: that would hide "
                    + "the break. Investigate it (GET /api/v1/audit-events/verify on the previous version shows the same); "
                    + "to re-link anyway and record the break in the trail, start once with "
                    + "roster.audit.relink-unverified-chain=true (ADR 0022).");
        }
        relink.addColumns();
        relink.relink(Instant.now().truncatedTo(ChronoUnit.MICROS), broken);
    }
}

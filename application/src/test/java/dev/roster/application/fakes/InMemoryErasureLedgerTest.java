package dev.roster.application.fakes;

import dev.roster.application.port.out.privacy.ErasureLedger;
import dev.roster.application.port.out.privacy.ErasureLedgerContract;
import org.junit.jupiter.api.BeforeEach;

/** The fake passes the contract the file adapter passes, so service tests over it mean something. */
class InMemoryErasureLedgerTest extends ErasureLedgerContract {
    private InMemoryErasureLedger ledger;

    @BeforeEach
    void fresh() {
        ledger = new InMemoryErasureLedger();
    }

    @Override
    protected ErasureLedger ledger() {
        return ledger;
    }

    @Override
    protected ErasureLedger anotherWriter() {
        return ledger; // one list: another writer shares it
    }
}

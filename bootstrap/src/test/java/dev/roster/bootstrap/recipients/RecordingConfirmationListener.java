package dev.roster.bootstrap.recipients;

import dev.roster.application.port.out.recipients.ErasureConfirmationListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test helper: an {@link ErasureConfirmationListener} bean, as the privacy requests will add one, that records the
 * receipts it is told about and can be made to throw.
 */
@Singleton
public final class RecordingConfirmationListener implements ErasureConfirmationListener {
    private final List<UUID> completed = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void allConfirmed(UUID receiptId) {
        if (failing) {
            throw new IllegalStateException("the listener failed (as a test asked)");
        }
        completed.add(receiptId);
    }

    public List<UUID> completed() {
        return List.copyOf(completed);
    }

    public void failing(boolean fail) {
        this.failing = fail;
    }

    public void clear() {
        completed.clear();
        failing = false;
    }
}

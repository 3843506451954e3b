package dev.roster.application.service.privacy;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.port.in.privacy.LiftRestrictionUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Lifting a restriction of processing (GDPR Art. 18(3)). A restriction itself is placed by completing a RESTRICTION
 * request ({@link PrivacyRequestService}).
 */
public final class RestrictionService implements LiftRestrictionUseCase {
    private final UserRepository users;
    private final TransactionBoundary transactions;
    private final Auditor auditor;
    private final Clock clock;

    public RestrictionService(UserRepository users, TransactionBoundary transactions, Auditor auditor, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void liftRestriction(UserId id) {
        transactions.inTransaction(() -> {
            User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
            if (user.changeRestriction(false, clock.instant())) {
                users.update(user);
                auditor.record(AuditAction.USER_RESTRICTION_LIFTED, id, Map.of());
                auditor.publish(ChangeType.USER_RESTRICTION_LIFTED, user);
            }
        });
    }
}

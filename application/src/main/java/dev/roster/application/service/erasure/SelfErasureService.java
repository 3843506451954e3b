package dev.roster.application.service.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.erasure.EraseOwnAccountUseCase;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.common.PasswordConfirmation;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;

import java.util.Objects;

/** A user erases its own account: the password confirms it is really them, then the same erasure as an admin's. */
public final class SelfErasureService implements EraseOwnAccountUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AnonymizeUserUseCase anonymize;
    private final TransactionBoundary transactions;

    public SelfErasureService(UserRepository users, PasswordHasher hasher, AnonymizeUserUseCase anonymize,
                              TransactionBoundary transactions) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.anonymize = Objects.requireNonNull(anonymize, "anonymize");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public ErasureReceipt eraseOwnAccount(UserId self, PlainPassword currentPassword) {
        User user = transactions.readOnly(() -> users.findById(self)).orElseThrow(() -> new UserNotFoundException(self));
        PasswordConfirmation.confirm(hasher, user, currentPassword);
        return anonymize.anonymize(self);
    }
}

package dev.roster.application.service.lifecycle;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.port.in.lifecycle.AddFileCommand;
import dev.roster.application.port.in.lifecycle.FileNotFoundException;
import dev.roster.application.port.in.lifecycle.ManageFilesUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserStatus;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The files a user owns (metadata): listed, added and removed, each change audited without the file's name. */
public final class UserFileService implements ManageFilesUseCase {
    private final UserRepository users;
    private final FileRepository files;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;

    public UserFileService(UserRepository users, FileRepository files, TransactionBoundary transactions, Clock clock, Auditor auditor) {
        this.users = Objects.requireNonNull(users, "users");
        this.files = Objects.requireNonNull(files, "files");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public List<OwnedFile> list(UserId owner) {
        return transactions.readOnly(() -> {
            requireUser(owner);
            return files.findByOwner(owner);
        });
    }

    @Override
    public OwnedFile add(AddFileCommand command) {
        OwnedFile file = new OwnedFile(UUID.randomUUID(), command.owner(), command.name(), command.sizeBytes(),
                command.contentType(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        return transactions.inTransaction(() -> {
            User user = requireUser(command.owner());
            if (user.status() == UserStatus.ANONYMIZED) {
                throw new IllegalUserStateTransitionException(user.id(), user.status(), "add a file to");
            }
            files.add(file);
            auditor.record(AuditAction.FILE_ADDED, command.owner(), Map.of("file", file.id().toString(),
                    "sizeBytes", Long.toString(file.sizeBytes())));
            return file;
        });
    }

    @Override
    public void remove(UserId owner, UUID fileId) {
        transactions.inTransaction(() -> {
            requireUser(owner);
            if (!files.delete(owner, fileId)) {
                throw new FileNotFoundException();
            }
            auditor.record(AuditAction.FILE_REMOVED, owner, Map.of("file", fileId.toString()));
        });
    }

    private User requireUser(UserId id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }
}

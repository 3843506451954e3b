package dev.roster.application.port.in.bulk;

import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.UpdateUserCommand;
import dev.roster.domain.user.UserId;

import java.util.Objects;

/** One operation of a bulk request. */
public sealed interface BulkOperation {

    record Create(CreateUserCommand command) implements BulkOperation {
        public Create {
            Objects.requireNonNull(command, "command");
        }
    }

    record Update(UpdateUserCommand command) implements BulkOperation {
        public Update {
            Objects.requireNonNull(command, "command");
        }
    }

    /** A soft delete (restorable), as {@code DELETE /api/v1/users/{id}}. */
    record Delete(UserId id) implements BulkOperation {
        public Delete {
            Objects.requireNonNull(id, "id");
        }
    }
}

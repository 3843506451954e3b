package dev.roster.application.port.in.users;

import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.Email;

import java.util.Optional;

/** Looks a user up, in any status, by the identity of its email address (exact match on the identity key). */
public interface FindUserByEmailUseCase {
    Optional<UserView> findByEmail(Email email);
}

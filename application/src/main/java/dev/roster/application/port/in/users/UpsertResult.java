package dev.roster.application.port.in.users;

import dev.roster.application.model.users.UserView;

/** The user after an upsert and whether it was created by it. */
public record UpsertResult(boolean created, UserView user) {
}

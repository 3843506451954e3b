package dev.roster.application.port.in;

/** The user after an upsert and whether it was created by it. */
public record UpsertResult(boolean created, UserView user) {
}

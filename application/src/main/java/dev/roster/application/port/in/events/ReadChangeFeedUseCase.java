package dev.roster.application.port.in.events;

/** Reads the change feed after a position, optionally waiting for the next event (long poll). */
public interface ReadChangeFeedUseCase {

    ChangeFeedPage read(ChangeFeedQuery query);
}

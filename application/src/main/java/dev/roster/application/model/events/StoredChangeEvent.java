package dev.roster.application.model.events;

import java.util.Objects;

/** A change event with the position the sequencer gave it in the feed (commit order, from 1, no gaps that fill in). */
public record StoredChangeEvent(long position, ChangeEvent event) {
    public StoredChangeEvent {
        Objects.requireNonNull(event, "event");
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1");
        }
    }
}

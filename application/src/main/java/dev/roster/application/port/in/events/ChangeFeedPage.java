package dev.roster.application.port.in.events;

import dev.roster.application.model.events.StoredChangeEvent;

import java.util.List;
import java.util.Objects;

/** Events in position order and the position to read after next time (the last item's, or the one asked after). */
public record ChangeFeedPage(List<StoredChangeEvent> items, long next) {
    public ChangeFeedPage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }
}

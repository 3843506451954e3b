package dev.roster.application.port.in.users;

import dev.roster.application.model.users.UserView;

import java.util.List;
import java.util.Optional;

/** One page of a list; {@code nextCursor} is present when more users follow. */
public record UserPage(List<UserView> items, Optional<String> nextCursor) {
    public UserPage {
        items = List.copyOf(items);
    }
}

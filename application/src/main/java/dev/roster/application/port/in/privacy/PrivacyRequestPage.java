package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCursor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of privacy requests and, unless it is the last, where the next one starts. */
public record PrivacyRequestPage(List<PrivacyRequest> items, Optional<PrivacyRequestCursor> next) {
    public PrivacyRequestPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}

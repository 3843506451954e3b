package dev.roster.application.port.in.privacy;

/** Privacy requests as a queue: by due date, filtered, a page at a time (cursor pagination). */
public interface ListPrivacyRequestsUseCase {
    PrivacyRequestPage list(ListPrivacyRequestsQuery query);
}

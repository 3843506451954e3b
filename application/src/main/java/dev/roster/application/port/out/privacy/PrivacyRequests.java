package dev.roster.application.port.out.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCounts;
import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The store of privacy requests, their history and the data packages attached to them. Call inside a transaction.
 * A request names its user by id only, without a foreign key: requests are the record of what was asked and done, and
 * outlive a purge of the user.
 */
public interface PrivacyRequests {

    void add(PrivacyRequest request);

    /**
     * Stores the request's new state. Its history only grows: the steps beyond those stored are appended.
     *
     * @throws IllegalStateException when there is no such request
     */
    void update(PrivacyRequest request);

    /** Absent when there is no request with this id. */
    Optional<PrivacyRequest> find(UUID id);

    /**
     * Like {@link #find}, and the request stays locked until the transaction ends, so that two steps on one request
     * (two completions, a completion and a refusal) run one after the other and the second sees the first.
     */
    Optional<PrivacyRequest> lock(UUID id);

    /**
     * At most {@code limit} requests matching {@code filter}, ordered by due date then id, starting strictly after
     * {@code after}.
     */
    List<PrivacyRequest> list(PrivacyRequestFilter filter, Optional<PrivacyRequestCursor> after, int limit);

    /** The id of an open request of this user and type, if there is one. */
    Optional<UUID> findOpen(UserId userId, PrivacyRequestType type);

    /** Open requests and those past their due date at {@code now}, by type. */
    PrivacyRequestCounts count(Instant now);

    /** Stores the data package of a request (one per request). */
    void attachPackage(StoredDataPackage dataPackage);

    /** The request's data package; absent when none was attached or the user's erasure removed it. */
    Optional<StoredDataPackage> findPackage(UUID requestId);
}

package dev.roster.application.service.bulk;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.bulk.ExportField;
import dev.roster.application.port.in.bulk.ExportUsersUseCase;
import dev.roster.application.port.in.bulk.UserExport;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.UserId;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Streams users for exports: keyset pages in creation order, each page read on its own (outside any transaction of
 * ours, so that the store may read it from a read replica, ADR 0024). Users whose processing is restricted (GDPR
 * Art. 18) are left out.
 */
public final class UserExportService implements ExportUsersUseCase {
    private final UserQueries queries;
    private final RateLimiter rateLimiter;
    private final TransactionBoundary transactions;
    private final Auditor auditor;
    private final int pageSize;

    public UserExportService(UserQueries queries, RateLimiter rateLimiter, TransactionBoundary transactions, Auditor auditor,
                             int pageSize) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.pageSize = pageSize;
    }

    @Override
    public UserExport start(UserFilter filter, List<ExportField> fields) {
        Actor actor = auditor.currentActor();
        rateLimiter.acquire(RateLimitedAction.EXPORT, actor);
        UserFilter exported = filter.withoutRestricted(); // GDPR Art. 18: restricted users stay out until lifted
        return new UserExport() {
            private Optional<PageCursor> after = Optional.empty();
            private boolean exhausted;

            @Override
            public List<UserView> nextPage() {
                if (exhausted) {
                    return List.of();
                }
                List<UserView> page = queries.list(exported, UserSort.CREATED_AT_ASC, after, 0, pageSize);
                if (page.size() < pageSize) {
                    exhausted = true;
                }
                if (!page.isEmpty()) {
                    after = Optional.of(new PageCursor(UserSort.CREATED_AT_ASC, new UserId(page.get(page.size() - 1).id())));
                }
                return page;
            }

            @Override
            public void complete(String format, long rows) {
                // filters are described by which ones were used, not by their values (q may hold part of an email)
                String filters = (filter.text().isPresent() ? "q," : "") + "status=" + filter.statuses().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining("+")) + filter.role().map(role -> ",role=" + role).orElse("")
                        + (filter.createdFrom().isPresent() || filter.createdTo().isPresent() ? ",created" : "")
                        + (filter.attributes().isEmpty() ? "" : ",attr=" + filter.attributes().size());
                transactions.inTransaction(() -> auditor.record(actor, AuditAction.USERS_EXPORTED, null, Map.of(
                        "format", format, "rows", Long.toString(rows), "filters", filters,
                        "fields", fields.stream().map(ExportField::fieldName).collect(Collectors.joining(",")))));
            }
        };
    }
}

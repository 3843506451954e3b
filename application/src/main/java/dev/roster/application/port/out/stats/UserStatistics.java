package dev.roster.application.port.out.stats;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;

import java.util.List;
import java.util.Map;

/** Aggregates over all stored users, in every status (a signup stays a signup after deletion or erasure). */
public interface UserStatistics {

    /**
     * For each range, in order, how many users were created in it. The caller computes the ranges (days, ISO weeks
     * or months of its time zone), so the store needs no time-zone logic and H2 and PostgreSQL agree.
     */
    long[] signups(List<TimeRange> ranges);

    Map<UserStatus, Long> countByStatus();

    Map<Role, Long> countByRole();
}

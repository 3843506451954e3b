package dev.roster.application.port.out;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;

import java.time.Instant;
import java.util.Map;

/** Aggregates over all stored users, in every status (a signup stays a signup after deletion or erasure). */
public interface UserStatistics {

    /**
     * Users created in {@code [from, to)}, counted per quarter hour: the key is the quarter hour's start in epoch
     * seconds divided by 900. Quarter hours are the finest unit every time zone's offset is a multiple of, so callers
     * can regroup them into days, weeks or months of any zone. Quarter hours without signups are absent.
     */
    Map<Long, Long> signupsPerQuarterHour(Instant from, Instant to);

    Map<UserStatus, Long> countByStatus();

    Map<Role, Long> countByRole();
}

package dev.roster.application.port.in.stats;

/** Counts of users by status and by role. */
public interface CountUsersByStateUseCase {
    UserCounts countByState();
}

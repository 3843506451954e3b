package dev.roster.application.port.in;

/** Counts of users by status and by role. */
public interface CountUsersByStateUseCase {
    UserCounts countByState();
}

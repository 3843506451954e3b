package dev.roster.application.port.in.stats;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;

import java.util.Map;

/** How many users there are in each status and with each role (every status and role present). */
public record UserCounts(long total, Map<UserStatus, Long> byStatus, Map<Role, Long> byRole) {
    public UserCounts {
        byStatus = Map.copyOf(byStatus);
        byRole = Map.copyOf(byRole);
    }
}

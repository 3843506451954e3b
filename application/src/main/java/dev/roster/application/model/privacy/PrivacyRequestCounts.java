package dev.roster.application.model.privacy;

import java.util.EnumMap;
import java.util.Map;

/** Open requests, and those of them past their due date, by type (every type present, zero when none). */
public record PrivacyRequestCounts(Map<PrivacyRequestType, Long> open, Map<PrivacyRequestType, Long> overdue) {
    public PrivacyRequestCounts {
        open = complete(open);
        overdue = complete(overdue);
    }

    private static Map<PrivacyRequestType, Long> complete(Map<PrivacyRequestType, Long> counts) {
        Map<PrivacyRequestType, Long> all = new EnumMap<>(PrivacyRequestType.class);
        for (PrivacyRequestType type : PrivacyRequestType.values()) {
            all.put(type, counts.getOrDefault(type, 0L));
        }
        return Map.copyOf(all);
    }
}

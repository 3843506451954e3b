package dev.roster.application.service;

import dev.roster.application.model.audit.StoredAuditEvent;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that an audit event carries no personal data: none of the given values, in any case, anywhere in it. */
public final class AuditAssertions {
    private AuditAssertions() {
    }

    public static void assertHoldsNone(StoredAuditEvent stored, String... personalValues) {
        for (String value : personalValues) {
            for (Map.Entry<String, String> detail : stored.event().details().entrySet()) {
                assertThat(detail.getKey()).as("detail key").doesNotContainIgnoringCase(value);
                assertThat(detail.getValue()).as("detail %s", detail.getKey()).doesNotContainIgnoringCase(value);
            }
            assertThat(stored.toString()).as("the whole stored event").doesNotContainIgnoringCase(value);
        }
    }
}

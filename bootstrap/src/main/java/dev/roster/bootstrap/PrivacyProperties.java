package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * {@code roster.privacy} (values in application.yml).
 *
 * @param zone the time zone whose calendar the due dates of privacy requests follow (an IANA name such as
 *             {@code Europe/Berlin}, or {@code UTC}): "one calendar month" is {@code ZonedDateTime.plusMonths} there
 */
@ConfigurationProperties("roster.privacy")
record PrivacyProperties(String zone) {
    PrivacyProperties {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("roster.privacy.zone must be a time zone such as UTC or Europe/Berlin");
        }
    }

    ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}

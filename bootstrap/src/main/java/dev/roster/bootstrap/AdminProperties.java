package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code roster.admin}: the first administrator, created or promoted at start-up when none is active (blank: none). */
@ConfigurationProperties("roster.admin")
record AdminProperties(String email, String password) {
    @Override
    public String toString() {
        return "AdminProperties[***]"; // an email and a password
    }
}

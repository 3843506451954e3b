package dev.roster.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts Roster: the HTTP server on the configured port, the database migrated by Flyway. */
public final class RosterApplication {
    private RosterApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(RosterApplication.class)
                .banner(false)
                .start();
    }
}

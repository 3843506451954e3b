package dev.roster.bootstrap;

import dev.roster.application.port.in.access.EnsureAdminCommand;
import dev.roster.application.port.in.access.EnsureAdminUseCase;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.PlainPassword;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, when no active administrator exists and ROSTER_ADMIN_EMAIL / ROSTER_ADMIN_PASSWORD are set, creates
 * (or promotes) that user as administrator. Idempotent across restarts and instances. Logs what it did, never the
 * email or the password.
 */
@Singleton
final class FirstAdministrator implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

    private final EnsureAdminUseCase ensureAdmin;
    private final String email;
    private final String password;

    FirstAdministrator(EnsureAdminUseCase ensureAdmin, AdminProperties admin) {
        this.ensureAdmin = ensureAdmin;
        this.email = admin.email() == null ? "" : admin.email();
        this.password = admin.password() == null ? "" : admin.password();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (email.isBlank() || password.isBlank()) {
            LOG.info("ROSTER_ADMIN_EMAIL / ROSTER_ADMIN_PASSWORD not set: no first administrator is created");
            return;
        }
        EnsureAdminUseCase.Outcome outcome = ensureAdmin.ensureAdmin(new EnsureAdminCommand(new Email(email), new PlainPassword(password)));
        switch (outcome) {
            case CREATED -> LOG.info("First administrator created from ROSTER_ADMIN_EMAIL");
            case PROMOTED -> LOG.info("The user with ROSTER_ADMIN_EMAIL was made the active administrator");
            case ALREADY_PRESENT -> LOG.info("An active administrator exists; ROSTER_ADMIN_* left unused");
        }
    }
}

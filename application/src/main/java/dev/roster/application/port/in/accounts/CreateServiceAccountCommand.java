package dev.roster.application.port.in.accounts;

import dev.roster.application.model.accounts.Scope;
import dev.roster.domain.user.StoredText;

import java.util.EnumSet;
import java.util.Set;

/**
 * A new service account: a name for people (1 to {@value #MAX_NAME_LENGTH} characters after trimming, one line)
 * and at least one scope. Refuses anything else with {@link InvalidServiceAccountException}.
 */
public record CreateServiceAccountCommand(String name, Set<Scope> scopes) {
    public static final int MAX_NAME_LENGTH = 100;

    public CreateServiceAccountCommand {
        if (name == null || name.isBlank()) {
            throw new InvalidServiceAccountException("name", "is required");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidServiceAccountException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (!StoredText.isSingleLine(name)) {
            throw new InvalidServiceAccountException("name", StoredText.SINGLE_LINE_RULE);
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidServiceAccountException("scopes", "must name at least one scope");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }
}

package dev.roster.bootstrap;

import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.access.EnsureAdminCommand;
import dev.roster.application.port.in.access.EnsureAdminUseCase;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;

/**
 * Test helper for secured endpoints: creates accounts through the use cases (fast, no HTTP) and logs them in
 * through {@code POST /login} (the real thing), returning bearer tokens. Call after {@link TestDatabase#clear()}.
 */
@Singleton
public final class TestAccounts {
    public static final String ADMIN_EMAIL = "first-admin@roster.test";
    public static final String PASSWORD = "a test password that is long";

    private final EnsureAdminUseCase ensureAdmin;
    private final CreateUserUseCase createUser;
    private final TestClient http;

    TestAccounts(EnsureAdminUseCase ensureAdmin, CreateUserUseCase createUser, TestClient http) {
        this.ensureAdmin = ensureAdmin;
        this.createUser = createUser;
        this.http = http;
    }

    /** The first administrator (created if there is no active one) and a token for it. */
    public String adminToken() {
        ensureAdmin.ensureAdmin(new EnsureAdminCommand(new Email(ADMIN_EMAIL), new PlainPassword(PASSWORD)));
        return login(ADMIN_EMAIL, PASSWORD);
    }

    /** A new active user with {@link #PASSWORD} and the given roles (USER always). */
    public UserView createUser(String email, Role... roles) {
        return createUser.create(new CreateUserCommand(new Email(email), Optional.empty(), Optional.empty(),
                Attributes.none(), Set.of(roles), Optional.of(new PlainPassword(PASSWORD))));
    }

    /** Creates the user and returns a token for it. */
    public String tokenFor(String email, Role... roles) {
        createUser(email, roles);
        return login(email, PASSWORD);
    }

    /** A bearer token from {@code POST /login}; insists on 200. */
    public String login(String email, String password) {
        return http.login(email, password).assertStatus(200).json().get("access_token").toString();
    }
}

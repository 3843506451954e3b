package dev.roster.adapters.in.http.access;

import dev.roster.adapters.in.http.common.ClientAddresses;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.security.SessionTokens;
import dev.roster.application.model.access.Principal;
import dev.roster.application.port.in.access.AuthenticateUserCommand;
import dev.roster.application.port.in.access.AuthenticateUserUseCase;
import dev.roster.domain.user.PlainPassword;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /login}: email and password for a signed JWT bearer token whose subject is the user id (the token
 * carries no personal data). Every failure is the same 401; checking the password runs on the blocking executor.
 */
@Requires(property = "micronaut.security.enabled", notEquals = "false")
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "authentication")
final class LoginController {
    private final AuthenticateUserUseCase authenticate;
    private final SessionTokens tokens;
    private final JsonBodies json;
    private final ClientAddresses clientAddresses;

    LoginController(AuthenticateUserUseCase authenticate, SessionTokens tokens, JsonBodies json,
                    ClientAddresses clientAddresses) {
        this.authenticate = authenticate;
        this.tokens = tokens;
        this.json = json;
        this.clientAddresses = clientAddresses;
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "401 for any failure (unknown email, wrong password, inactive user); 429 after too many attempts.")
    @RequestBody(content = @Content(schema = @Schema(implementation = LoginRequest.class)))
    HttpResponse<TokenResponse> login(HttpRequest<?> request, @Body byte[] body) {
        LoginRequest login = json.read(body, LoginRequest.class);
        FieldErrors errors = new FieldErrors();
        if (login.username() == null || login.username().isBlank()) {
            errors.add("username", "is required");
        }
        if (login.password() == null || login.password().isEmpty()) {
            errors.add("password", "is required");
        }
        errors.throwIfAny();
        Principal principal = authenticate.authenticate(new AuthenticateUserCommand(login.username(),
                new PlainPassword(login.password()), clientAddresses.limitKey(request)));
        SessionTokens.Issued token = tokens.issue(principal);
        // RFC 6749 section 5.1: a response carrying a token must not be stored by any cache
        return HttpResponse.ok(new TokenResponse(token.token(), "Bearer", token.expiresIn()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
    }
}

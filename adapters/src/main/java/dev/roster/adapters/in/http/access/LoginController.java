package dev.roster.adapters.in.http.access;

import dev.roster.adapters.in.http.common.ApiDoc;
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
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
@ApiDoc.Errors
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
    @Operation(operationId = "login", summary = "Log in", security = {},
            description = "Public. 401 for any failure (unknown email, wrong password, inactive user); 429 after too many attempts "
                    + "per email or per client address.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoginRequest.class)))
    @ApiResponse(responseCode = "200", description = "A bearer token; not to be stored by any cache.", useReturnTypeSchema = true,
            headers = {
                    @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store (RFC 6749 section 5.1).",
                            schema = @Schema(type = "string", allowableValues = "no-store")),
                    @Header(name = HttpHeaders.PRAGMA, description = "no-cache, for HTTP/1.0 caches.",
                            schema = @Schema(type = "string", allowableValues = "no-cache"))})
    @ApiDoc.UnsupportedMediaType
    @ApiDoc.TooManyRequests
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

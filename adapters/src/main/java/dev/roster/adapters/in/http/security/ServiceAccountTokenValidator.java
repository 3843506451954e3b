package dev.roster.adapters.in.http.security;

import dev.roster.application.model.accounts.ApiKey;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.application.port.in.accounts.AuthenticateServiceAccountUseCase;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Authenticates a bearer token that is a service account's API key ({@value ApiKey#PREFIX}...): looks its hash up,
 * on the blocking executor, and yields an {@link Authentication} whose roles are the account's scope names
 * ({@code users:read}, ...) and which carries the account as it was read for this very request. Any other token is
 * left to the JWT validator (an empty answer lets the next validator try); an unknown, replaced or revoked key yields
 * nothing either, so the request is unauthenticated (401). Runs before the JWT validator.
 */
@Singleton
final class ServiceAccountTokenValidator implements TokenValidator<HttpRequest<?>> {
    /** Before {@code JwtTokenValidator} (order 0): a key never reaches the JWT parser. */
    static final int ORDER = -100;
    /** The attribute that says what kind of caller an authentication is. */
    static final String KIND = "rosterCallerKind";
    static final String SERVICE_ACCOUNT = "service-account";
    /** The attribute holding the {@link ServiceAccount} read for this request; a JWT's claims can never hold one. */
    static final String ACCOUNT = "rosterServiceAccount";
    /** The authentication's name: never a user id, so no code reads a service account as a user. */
    static final String NAME_PREFIX = "service-account:";

    private final AuthenticateServiceAccountUseCase accounts;
    private final Scheduler blocking;

    ServiceAccountTokenValidator(AuthenticateServiceAccountUseCase accounts,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.accounts = accounts;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!ApiKey.isMeantAsKey(token)) {
            return Mono.empty();
        }
        ApiKey key = new ApiKey(token);
        return Mono.fromCallable(() -> accounts.authenticate(key))
                .subscribeOn(blocking)
                .flatMap(account -> Mono.justOrEmpty(account.map(ServiceAccountTokenValidator::authentication)));
    }

    static Authentication authentication(ServiceAccount account) {
        List<String> scopes = account.scopes().stream().map(Scope::wireName).sorted().toList();
        return Authentication.build(NAME_PREFIX + account.id(), scopes, Map.of(KIND, SERVICE_ACCOUNT, ACCOUNT, account));
    }

    /** Whether the authentication says it is a service account's, whether or not it really carries one. */
    static boolean claimsServiceAccount(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        return SERVICE_ACCOUNT.equals(attributes.get(KIND)) || attributes.containsKey(ACCOUNT)
                || authentication.getName().startsWith(NAME_PREFIX);
    }

    /** The account this validator read for the request; empty for any other authentication. */
    static Optional<ServiceAccount> accountOf(Authentication authentication) {
        return authentication.getAttributes().get(ACCOUNT) instanceof ServiceAccount account
                ? Optional.of(account) : Optional.empty();
    }
}

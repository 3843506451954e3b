package dev.roster.adapters.in.http.security;

import dev.roster.application.model.access.Principal;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.application.port.in.access.ResolvePrincipalUseCase;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Authorises every request that carries a token against the user's <em>current</em> state, not the token's claims:
 * the subject must still exist and be ACTIVE, and the token must have been issued in the user's current generation of
 * sessions (else 401, the token is dead, on every route: ADR 0016), and the user must hold one of
 * the roles the route's {@code @Secured} names now (else 403). Runs before Micronaut's own rules; routes without
 * {@code @Secured} (static documentation, health) are then left to them. The lookup runs on the blocking executor.
 *
 * <p>A service account's API key (ADR 0017) is checked against the account as {@link ServiceAccountTokenValidator}
 * read it for this very request (so a revocation or rotation counts from the next request, on every instance): it
 * must be active (else 401), and one of its <em>scopes</em> must be among the route's values (else 403). A service
 * account is never a user: {@code isAuthenticated()} routes (the caller's own account, {@code /me}) and role names
 * grant it nothing, and a user's token is never granted a scope.
 */
@Singleton
final class CurrentUserSecurityRule implements SecurityRule<HttpRequest<?>> {
    static final int ORDER = SecuredAnnotationRule.ORDER - 100;
    /** Management endpoints carry no @Secured; the metrics are for operators and for scrapers with metrics:read. */
    private static final String METRICS_PATH = "/prometheus";

    private final ResolvePrincipalUseCase principals;
    private final Scheduler blocking;

    CurrentUserSecurityRule(ResolvePrincipalUseCase principals, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.principals = principals;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        Optional<Set<String>> secured = securedValues(request);
        if (authentication == null || secured.filter(values -> values.contains(SecurityRule.IS_ANONYMOUS)).isPresent()) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        if (ServiceAccountTokenValidator.claimsServiceAccount(authentication)) {
            Optional<ServiceAccount> account = ServiceAccountTokenValidator.accountOf(authentication)
                    .filter(ServiceAccount::isActive);
            if (account.isEmpty()) {
                return Mono.error(new AuthorizationException(null));
            }
            return Mono.just(secured.map(values -> decide(account.get(), values)).orElse(SecurityRuleResult.UNKNOWN));
        }
        UserId subject;
        try {
            subject = UserId.parse(authentication.getName());
        } catch (InvalidUserDataException e) {
            return Mono.error(new AuthorizationException(null));
        }
        Optional<Long> generation = SessionTokens.generationOf(authentication);
        if (generation.isEmpty()) {
            return Mono.error(new AuthorizationException(null));
        }
        // Every request that carries a token checks its user, even on routes without @Secured (e.g. /health, whose
        // details authenticated callers see): a dead token must not count as authenticated anywhere.
        return Mono.fromCallable(() -> principals.resolve(subject))
                .subscribeOn(blocking)
                .flatMap(principal -> principal.filter(p -> p.acceptsTokenOf(generation.get())).isEmpty()
                        // user gone or inactive, or its sessions ended since the token was issued: the token is dead
                        ? Mono.<SecurityRuleResult>error(new AuthorizationException(null))
                        : Mono.just(secured.map(values -> decide(principal.get(), values))
                                .orElse(SecurityRuleResult.UNKNOWN)));
    }

    /**
     * Fails closed: a route open to any authenticated user says so ({@code isAuthenticated()}); otherwise the user must
     * hold one of the roles named now. A value that names no known role (a typo such as {@code "ADMINS"}) grants
     * nothing, and a route whose values name nothing usable is refused to everybody.
     */
    static SecurityRuleResult decide(Principal principal, Set<String> securedValues) {
        if (securedValues.contains(SecurityRule.IS_AUTHENTICATED)) {
            return SecurityRuleResult.ALLOWED;
        }
        return principal.hasAnyOf(rolesIn(securedValues)) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED;
    }

    /**
     * A service account may use a route only if the route names one of its scopes. Nothing else counts: not
     * {@code isAuthenticated()} (routes for users acting on themselves), not a role name.
     */
    static SecurityRuleResult decide(ServiceAccount account, Set<String> securedValues) {
        boolean granted = account.isActive()
                && account.scopes().stream().map(Scope::wireName).anyMatch(securedValues::contains);
        return granted ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED;
    }

    private static Optional<Set<String>> securedValues(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals(METRICS_PATH) || path.startsWith(METRICS_PATH + "/")) {
            return Optional.of(Set.of(Role.ADMIN.name(), Role.AUDITOR.name(), Scope.METRICS_READ.wireName()));
        }
        return RouteAttributes.getRouteMatch(request)
                .map(RouteMatch::getAnnotationMetadata)
                .filter(metadata -> metadata.hasAnnotation(Secured.class))
                .map(metadata -> Set.copyOf(Arrays.asList(metadata.stringValues(Secured.class))));
    }

    private static Set<Role> rolesIn(Set<String> values) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(Role.values()).filter(role -> values.contains(role.name())).forEach(roles::add);
        return roles;
    }
}

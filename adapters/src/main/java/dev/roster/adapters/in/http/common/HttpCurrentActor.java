package dev.roster.adapters.in.http.common;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.port.out.common.CurrentActor;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * {@link CurrentActor} from the HTTP request being served: the token's subject (a user id) and the client address.
 * Outside a request (start-up, scheduled jobs) the actor is the system.
 */
@Singleton
final class HttpCurrentActor implements CurrentActor {
    private final ClientAddresses clientAddresses;

    HttpCurrentActor(ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public Actor current() {
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        if (request.isEmpty()) {
            return Actor.system();
        }
        Optional<UserId> user = request.get().getUserPrincipal(Authentication.class).flatMap(HttpCurrentActor::userId);
        return new Actor(user, Optional.of(clientAddresses.of(request.get())));
    }

    private static Optional<UserId> userId(Authentication authentication) {
        try {
            return Optional.of(UserId.parse(authentication.getName()));
        } catch (InvalidUserDataException e) {
            return Optional.empty();
        }
    }
}

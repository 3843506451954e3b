package dev.roster.application.port.out.common;

import dev.roster.application.model.audit.Actor;

/**
 * Tells the application who is acting in the current call: the driving adapter knows (the HTTP request's token
 * and client address); outside a request it is {@link Actor#system()}.
 */
public interface CurrentActor {
    Actor current();
}

package dev.roster.application.fakes;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.port.out.common.CurrentActor;
import dev.roster.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link CurrentActor} that answers whatever a test set; by default {@link #DEFAULT}, an administrator calling from
 * {@link #CLIENT_ADDRESS} whose id belongs to no stored user.
 */
public final class FixedActor implements CurrentActor {
    public static final UserId ACTOR_ID = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ad"));
    public static final String CLIENT_ADDRESS = "203.0.113.7";
    public static final Actor DEFAULT = new Actor(Optional.of(ACTOR_ID), Optional.of(CLIENT_ADDRESS));

    private volatile Actor actor = DEFAULT;

    /** A caller without a token (a login) from {@link #CLIENT_ADDRESS}. */
    public static Actor anonymous() {
        return new Actor(Optional.empty(), Optional.of(CLIENT_ADDRESS));
    }

    @Override
    public Actor current() {
        return actor;
    }

    public void set(Actor actor) {
        this.actor = Objects.requireNonNull(actor, "actor");
    }
}

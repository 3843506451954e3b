package dev.roster.application.port.in.access;

import dev.roster.application.model.access.Principal;
import dev.roster.domain.user.UserId;

import java.util.Optional;

/**
 * Who a token's subject is now: present only while the user exists and is ACTIVE, with its current roles. Every
 * authenticated request goes through it, so a token stops working as soon as its user is deactivated, deleted,
 * anonymized or purged, and a revoked role stops counting at once.
 */
public interface ResolvePrincipalUseCase {
    Optional<Principal> resolve(UserId id);
}

package dev.roster.application.port.in.access;

/** Revokes a role; revoking one not held changes nothing. */
public interface RevokeRoleUseCase {
    /** @throws dev.roster.domain.user.LastAdminException when it would remove the last active administrator */
    void revoke(ChangeRoleCommand command);
}

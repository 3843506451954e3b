package dev.roster.application.port.in.access;

/** Grants a role; granting a held role changes nothing. */
public interface GrantRoleUseCase {
    void grant(ChangeRoleCommand command);
}

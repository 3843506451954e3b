package dev.roster.application.port.in.accounts;

import dev.roster.application.model.accounts.ServiceAccount;

import java.util.UUID;

/** One service account, revoked or not; {@link ServiceAccountNotFoundException} when there is none. */
public interface GetServiceAccountUseCase {
    ServiceAccount get(UUID id);
}

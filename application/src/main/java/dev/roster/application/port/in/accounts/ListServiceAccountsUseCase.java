package dev.roster.application.port.in.accounts;

import dev.roster.application.model.accounts.ServiceAccount;

import java.util.List;

/** Every service account, revoked ones included, oldest first. */
public interface ListServiceAccountsUseCase {
    List<ServiceAccount> list();
}

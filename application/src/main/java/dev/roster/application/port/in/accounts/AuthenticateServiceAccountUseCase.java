package dev.roster.application.port.in.accounts;

import dev.roster.application.model.accounts.ApiKey;
import dev.roster.application.model.accounts.ServiceAccount;

import java.util.Optional;

/**
 * Who a presented API key speaks for, now: present only when the key is an account's current key and the account is
 * not revoked. Every request that carries a key comes through here (one indexed read), so a revocation or rotation
 * counts from the very next request. Records the use ({@code lastUsedAt}) at most about once a minute per account.
 */
public interface AuthenticateServiceAccountUseCase {
    Optional<ServiceAccount> authenticate(ApiKey key);
}

package dev.roster.application.port.in.accounts;

import dev.roster.application.model.accounts.ApiKey;
import dev.roster.application.model.accounts.ServiceAccount;

import java.util.Objects;

/** A service account with the key just issued to it: the only time the key exists outside its holder. */
public record IssuedKey(ServiceAccount account, ApiKey key) {
    public IssuedKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(key, "key");
    }
}

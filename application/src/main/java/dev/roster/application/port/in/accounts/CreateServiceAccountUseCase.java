package dev.roster.application.port.in.accounts;

/** Creates a service account and issues its first key (audited as {@code service-account.created}). */
public interface CreateServiceAccountUseCase {
    IssuedKey create(CreateServiceAccountCommand command);
}

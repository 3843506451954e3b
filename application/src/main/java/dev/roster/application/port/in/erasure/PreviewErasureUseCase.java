package dev.roster.application.port.in.erasure;

import dev.roster.domain.user.UserId;

/** Dry run: what {@link AnonymizeUserUseCase} would erase, remove and keep for this user. */
public interface PreviewErasureUseCase {
    ErasurePreview preview(UserId id);
}

package dev.roster.application.port.in.lifecycle;

import dev.roster.domain.user.UserId;

import java.util.Objects;

/** Record a file the user owns (metadata only). */
public record AddFileCommand(UserId owner, String name, long sizeBytes, String contentType) {
    public AddFileCommand {
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public String toString() {
        return "AddFileCommand[owner=" + owner + ", sizeBytes=" + sizeBytes + "]";
    }
}

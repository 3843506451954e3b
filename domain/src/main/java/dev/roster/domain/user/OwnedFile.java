package dev.roster.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Metadata of a file a user owns: the user's "resources" for the no-resources rule of hard delete, and part of the
 * data package and of erasure. The name may be personal data and is never printed.
 */
public record OwnedFile(UUID id, UserId owner, String name, long sizeBytes, String contentType, Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 255;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}");

    public OwnedFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank()) {
            throw new InvalidUserDataException("name", "is required");
        }
        name = name.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new InvalidUserDataException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl) || name.contains("/") || name.contains("\\")) {
            throw new InvalidUserDataException("name", "must not contain control characters or path separators");
        }
        if (sizeBytes < 0) {
            throw new InvalidUserDataException("sizeBytes", "must not be negative");
        }
        if (contentType == null || !MEDIA_TYPE.matcher(contentType).matches()) {
            throw new InvalidUserDataException("contentType", "must be a media type such as application/pdf");
        }
    }

    @Override
    public String toString() {
        return "OwnedFile[id=" + id + ", owner=" + owner + ", sizeBytes=" + sizeBytes + "]";
    }
}

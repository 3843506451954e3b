package dev.roster.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Metadata of a file a user owns: the user's "resources" for the no-resources rule of hard delete, and part of the
 * data package and of erasure. The name is 1..255 characters without path separators, control characters or unpaired
 * surrogates ({@link StoredText#isSingleLine}); the content type is a media type in ASCII. The name may be personal
 * data and is never printed.
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
        if (!StoredText.isSingleLine(name)) {
            throw new InvalidUserDataException("name", StoredText.SINGLE_LINE_RULE);
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new InvalidUserDataException("name", "must not contain path separators");
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

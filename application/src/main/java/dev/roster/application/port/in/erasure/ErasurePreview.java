package dev.roster.application.port.in.erasure;

import dev.roster.domain.user.UserId;

import java.util.List;
import java.util.Map;

/**
 * What an erasure of this user would do, computed from the personal-data catalogue: the fields it would overwrite
 * (with how and why they are held), the related records it would remove, and what it keeps and why.
 */
public record ErasurePreview(UserId userId, List<Field> erases, Map<String, Long> removes, List<Kept> keeps,
                             boolean legalHold) {
    public ErasurePreview {
        erases = List.copyOf(erases);
        removes = Map.copyOf(removes);
        keeps = List.copyOf(keeps);
    }

    /** A catalogued field that holds data now, how erasure treats it, and its purpose. */
    public record Field(String name, String erasure, String purpose) {
    }

    /** Something erasure keeps, and why. */
    public record Kept(String what, String why) {
    }
}

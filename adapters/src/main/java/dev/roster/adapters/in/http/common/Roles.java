package dev.roster.adapters.in.http.common;

/** Role names as {@code @Secured} values (annotations need constants); they equal the domain's Role names. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String AUDITOR = "AUDITOR";

    private Roles() {
    }
}

package dev.roster.adapters.in.http;

/** Role names as {@code @Secured} values (annotations need constants); they equal the domain's Role names. */
final class Roles {
    static final String ADMIN = "ADMIN";
    static final String AUDITOR = "AUDITOR";

    private Roles() {
    }
}

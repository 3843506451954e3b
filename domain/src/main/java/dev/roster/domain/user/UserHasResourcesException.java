package dev.roster.domain.user;

/** A hard delete was refused because the user still owns resources (and no cascade was asked for). */
public final class UserHasResourcesException extends DomainException {
    private final long files;

    public UserHasResourcesException(long files) {
        super("the user still owns " + files + " file(s); delete them first or purge with cascade=true");
        this.files = files;
    }

    public long files() {
        return files;
    }
}

package dev.roster.application.model.users;

/** List orders; every order ends with the id so that keyset pagination is total. */
public enum UserSort {
    CREATED_AT_ASC("createdAt"),
    CREATED_AT_DESC("-createdAt"),
    EMAIL_ASC("email"),
    EMAIL_DESC("-email");

    private final String parameter;

    UserSort(String parameter) {
        this.parameter = parameter;
    }

    /** The spelling in the {@code sort} query parameter. */
    public String parameter() {
        return parameter;
    }

    public boolean descending() {
        return parameter.startsWith("-");
    }

    public static UserSort parse(String text) {
        for (UserSort sort : values()) {
            if (sort.parameter.equals(text)) {
                return sort;
            }
        }
        throw new InvalidQueryException("sort", "must be one of createdAt, -createdAt, email, -email");
    }
}

package dev.roster.application.port.in.bulk;

import dev.roster.application.model.users.InvalidQueryException;

import java.util.ArrayList;
import java.util.List;

/** The fields an export can carry, named as in the API's JSON. There is no password hash among them, ever. */
public enum ExportField {
    ID("id"), EMAIL("email"), DISPLAY_NAME("displayName"), PHONE("phone"), ATTRIBUTES("attributes"), ROLES("roles"),
    STATUS("status"), ACTIVE("active"), HAS_PASSWORD("hasPassword"), CREATED_AT("createdAt"), UPDATED_AT("updatedAt"),
    LAST_LOGIN_AT("lastLoginAt"), DELETED_AT("deletedAt"), ANONYMIZED_AT("anonymizedAt"), VERSION("version");

    private final String fieldName;

    ExportField(String fieldName) {
        this.fieldName = fieldName;
    }

    public String fieldName() {
        return fieldName;
    }

    /** A comma list of field names, in the order given; blank means all fields. Unknown or repeated names are refused. */
    public static List<ExportField> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of(values());
        }
        List<ExportField> fields = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            ExportField field = null;
            for (ExportField candidate : values()) {
                if (candidate.fieldName.equals(name.strip())) {
                    field = candidate;
                }
            }
            if (field == null) {
                throw new InvalidQueryException("fields", "unknown field; allowed: id, email, displayName, phone, attributes, "
                        + "roles, status, active, hasPassword, createdAt, updatedAt, lastLoginAt, deletedAt, anonymizedAt, version");
            }
            if (fields.contains(field)) {
                throw new InvalidQueryException("fields", "names a field twice");
            }
            fields.add(field);
        }
        return List.copyOf(fields);
    }
}

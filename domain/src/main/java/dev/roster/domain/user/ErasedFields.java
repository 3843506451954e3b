package dev.roster.domain.user;

import java.util.List;
import java.util.Objects;

/** Which catalogued personal-data fields an erasure overwrote (those that held a value), in catalogue order. */
public record ErasedFields(List<PersonalDataField> fields) {
    public ErasedFields {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    }

    public List<String> names() {
        return fields.stream().map(PersonalDataField::fieldName).toList();
    }
}

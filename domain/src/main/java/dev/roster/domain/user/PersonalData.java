package dev.roster.domain.user;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Operations over the whole personal-data catalogue ({@link PersonalDataField}). */
public final class PersonalData {
    private PersonalData() {
    }

    public static List<PersonalDataField> catalogue() {
        return Arrays.asList(PersonalDataField.values());
    }

    /** The catalogued fields that currently hold personal data: what an erasure would overwrite. */
    public static List<PersonalDataField> presentIn(UserSnapshot user) {
        return catalogue().stream().filter(field -> field.isPresentIn(user)).toList();
    }

    /** Overwrites every catalogued field of the user and reports which ones held data. */
    static ErasedFields eraseFrom(User user) {
        UserSnapshot before = user.snapshot();
        List<PersonalDataField> erased = new ArrayList<>();
        for (PersonalDataField field : PersonalDataField.values()) {
            if (field.isPresentIn(before)) {
                erased.add(field);
            }
            field.eraseFrom(user);
        }
        return new ErasedFields(erased);
    }
}

package dev.roster.domain.user;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue and the aggregate cannot drift apart: every personal field of User has a catalogue entry. */
class PersonalDataFieldTest {

    @Test
    void everyPackagePrivateFieldOfUserIsCatalogued() {
        // Convention (see PersonalDataField): User's personal fields are package-private so only the catalogue erases them.
        Set<String> personalFields = Arrays.stream(User.class.getDeclaredFields())
                .filter(field -> !field.isSynthetic())
                .filter(field -> !Modifier.isPrivate(field.getModifiers()) && !Modifier.isStatic(field.getModifiers()))
                .map(Field::getName)
                .collect(Collectors.toSet());
        Set<String> catalogued = PersonalData.catalogue().stream().map(PersonalDataField::fieldName).collect(Collectors.toSet());

        assertThat(personalFields).isNotEmpty().isEqualTo(catalogued);
    }

    @Test
    void everyUserSnapshotComponentIsEitherCataloguedOrKnownToBeNonPersonal() {
        Set<String> nonPersonal = Set.of("id", "roles", "active", "createdAt", "updatedAt", "lastLoginAt", "deletedAt",
                "anonymizedAt", "version", "sessionGeneration", "legalHold", "erasureReceiptId", "restricted");
        Set<String> catalogued = PersonalData.catalogue().stream().map(PersonalDataField::fieldName).collect(Collectors.toSet());
        Set<String> components = Arrays.stream(UserSnapshot.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());

        assertThat(components).allSatisfy(name -> assertThat(catalogued.contains(name) || nonPersonal.contains(name))
                .as("%s is neither catalogued as personal data nor listed as non-personal", name).isTrue());
    }
}

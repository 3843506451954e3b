package dev.roster.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagon's dependency rules (docs/adr/0001-module-rule.md). Allow-lists, and every rule first checks that it
 * matches classes at all, so a renamed package cannot make a rule pass vacuously.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the domain and application test-jars (fakes, builders, contracts) are test code too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.roster");
    }

    @Test
    void everyLayerHasClasses() {
        for (String layer : new String[] {"dev.roster.domain.", "dev.roster.application.port.in.",
                "dev.roster.application.port.out.", "dev.roster.application.service.", "dev.roster.adapters.in.http.",
                "dev.roster.adapters.out.persistence.jdbc.", "dev.roster.bootstrap."}) {
            assertThat(classes.stream().anyMatch(c -> c.getName().startsWith(layer)))
                    .as("classes in %s", layer).isTrue();
        }
    }

    @Test
    void domainDependsOnlyOnItselfAndTheJdk() {
        check(classes().that().resideInAPackage("dev.roster.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.roster.domain..", "java.."));
    }

    @Test
    void applicationDependsOnlyOnDomainItselfAndTheJdk() {
        check(classes().that().resideInAPackage("dev.roster.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.roster.domain..", "dev.roster.application..", "java.."));
    }

    @Test
    void adaptersUseOnlyPortsNotServices() {
        check(noClasses().that().resideInAPackage("dev.roster.adapters..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.application.service.."));
    }

    @Test
    void adaptersDoNotKnowTheBootstrap() {
        check(noClasses().that().resideInAPackage("dev.roster.adapters..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.bootstrap.."));
    }

    @Test
    void drivingAndDrivenAdaptersDoNotKnowEachOther() {
        check(noClasses().that().resideInAPackage("dev.roster.adapters.in..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.adapters.out.."));
        check(noClasses().that().resideInAPackage("dev.roster.adapters.out..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.adapters.in.."));
    }

    @Test
    void onlyTheCompositionRootConstructsServices() {
        check(noClasses().that().resideOutsideOfPackages("dev.roster.bootstrap..", "dev.roster.application.service..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.application.service.."));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}

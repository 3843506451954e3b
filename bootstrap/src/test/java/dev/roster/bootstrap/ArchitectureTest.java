package dev.roster.bootstrap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.roster.application.model.ApplicationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagon's dependency rules and its rooms by capability (docs/adr/0001-module-rule.md,
 * docs/architecture.md). Allow-lists, and every rule first checks that it matches classes at all, so a renamed
 * package cannot make a rule pass vacuously.
 */
class ArchitectureTest {
    private static final String HTTP = "dev.roster.adapters.in.http";
    private static final String JDBC = "dev.roster.adapters.out.persistence.jdbc";
    private static final int MAX_FILES_PER_PACKAGE = 20;

    /** The capabilities; each has a room in port.in, service and the HTTP adapter. */
    private static final List<String> CAPABILITIES = List.of("users", "access", "lifecycle", "erasure", "audit", "bulk", "stats",
            "events", "accounts", "webhooks", "privacy", "recipients");

    /**
     * Which other capabilities' HTTP rooms each HTTP room may use (besides common and problem), and why. A new
     * cross-capability dependency is a decision: add it here with its reason.
     */
    private static final Map<String, Map<String, String>> HTTP_ROOM_USES = Map.ofEntries(
            Map.entry("users", Map.of()),
            Map.entry("access", Map.of(
                    "users", "/me is a user resource: UserResponse, its ETag and the self-service merge patch; every write honours If-Match (EntityTags)",
                    "erasure", "/me/export and /me/erasure answer with the data package and the erasure receipt",
                    "security", "login issues the token through SessionTokens, which owns the claims the security rule checks")),
            Map.entry("lifecycle", Map.of(
                    "users", "deactivate, reactivate and restore answer with the user resource and its ETag")),
            Map.entry("erasure", Map.of(
                    "users", "the data package's profile is the user resource; anonymize honours If-Match (EntityTags)",
                    "lifecycle", "the data package lists the user's files as the file resource")),
            Map.entry("audit", Map.of()),
            Map.entry("bulk", Map.of(
                    "users", "bulk rows and import rows are the users' create requests and merge patches; exports take the users' filters")),
            Map.entry("stats", Map.of()),
            Map.entry("events", Map.of()),
            Map.entry("accounts", Map.of()),
            Map.entry("webhooks", Map.of()),
            Map.entry("privacy", Map.of(
                    "erasure", "the package attached to a request is the erasure room's data package document, stored and served as is; "
                            + "an ERASURE request lists its recipients as the receipt does")),
            Map.entry("recipients", Map.of()));

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the domain and application test-jars (fakes, builders, contracts) are test code too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.roster");
    }

    static Stream<String> rooms() {
        List<String> rooms = new ArrayList<>(List.of("dev.roster.domain.user", "dev.roster.bootstrap",
                HTTP + ".common", HTTP + ".problem", HTTP + ".security",
                "dev.roster.application.model.users", "dev.roster.application.model.access",
                "dev.roster.application.model.audit", "dev.roster.application.model.erasure",
                "dev.roster.application.model.accounts", "dev.roster.application.port.out.accounts",
                "dev.roster.application.model.events", "dev.roster.application.port.out.events", JDBC + ".events",
                "dev.roster.application.service.common", "dev.roster.application.model",
                "dev.roster.application.port.out.common", "dev.roster.application.port.out.users",
                "dev.roster.application.port.out.access", "dev.roster.application.port.out.lifecycle",
                "dev.roster.application.port.out.erasure", "dev.roster.application.port.out.audit",
                "dev.roster.application.port.out.stats",
                "dev.roster.adapters.out.persistence.jdbc", JDBC + ".users", JDBC + ".audit", JDBC + ".lifecycle",
                JDBC + ".erasure", JDBC + ".stats", JDBC + ".accounts", "dev.roster.adapters.out.cache",
                "dev.roster.adapters.out.ratelimit", "dev.roster.adapters.out.security",
                "dev.roster.application.model.webhooks", "dev.roster.application.port.out.webhooks", JDBC + ".webhooks",
                "dev.roster.adapters.out.webhooks",
                "dev.roster.application.model.privacy", "dev.roster.application.port.out.privacy", JDBC + ".privacy",
                "dev.roster.adapters.out.privacy", "dev.roster.application.model.recipients",
                "dev.roster.application.port.out.recipients", JDBC + ".recipients"));
        for (String capability : CAPABILITIES) {
            rooms.add("dev.roster.application.port.in." + capability);
            rooms.add("dev.roster.application.service." + capability);
            rooms.add(HTTP + "." + capability);
        }
        return rooms.stream();
    }

    @ParameterizedTest
    @MethodSource("rooms")
    void everyRoomHasClasses(String room) {
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals(room))).as("classes in %s", room).isTrue();
    }

    @Test
    void noRoomOfApplicationOrAdaptersHoldsMoreThanTwentyFiles() {
        Map<String, Long> filesPerPackage = classes.stream()
                .filter(c -> c.getPackageName().startsWith("dev.roster.application.") || c.getPackageName().startsWith("dev.roster.adapters."))
                .filter(ArchitectureTest::isASourceFile) // not nested, and not generated by Micronaut's processors
                .collect(Collectors.groupingBy(JavaClass::getPackageName, TreeMap::new, Collectors.counting()));
        assertThat(filesPerPackage).as("top-level classes per package").isNotEmpty();
        assertThat(filesPerPackage).allSatisfy((room, files) ->
                assertThat(files).as("files in %s", room).isLessThanOrEqualTo(MAX_FILES_PER_PACKAGE));
    }

    private static boolean isASourceFile(JavaClass type) {
        return type.isTopLevelClass() && type.getSource().flatMap(Source::getFileName)
                .map(file -> file.equals(type.getSimpleName() + ".java")).orElse(false);
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
    void theSharedModelKnowsNoPort() {
        check(classes().that().resideInAPackage("dev.roster.application.model..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.roster.domain..", "dev.roster.application.model..", "java.."));
    }

    @Test
    void inboundPortsDoNotKnowOutboundPorts() {
        check(classes().that().resideInAPackage("dev.roster.application.port.in..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.roster.domain..",
                        "dev.roster.application.model..", "dev.roster.application.port.in..", "java.."));
    }

    @Test
    void outboundPortsDoNotKnowInboundPorts() {
        check(classes().that().resideInAPackage("dev.roster.application.port.out..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.roster.domain..",
                        "dev.roster.application.model..", "dev.roster.application.port.out..", "java.."));
    }

    @Test
    void applicationExceptionsShareTheirBaseType() {
        check(classes().that().resideInAPackage("dev.roster.application..").and().haveSimpleNameEndingWith("Exception")
                .and().arePublic()
                .should().beAssignableTo(ApplicationException.class));
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

    static Stream<String> capabilities() {
        return CAPABILITIES.stream();
    }

    @ParameterizedTest
    @MethodSource("capabilities")
    void anHttpRoomUsesOnlyCommonProblemAndTheRoomsItNames(String capability) {
        assertThat(HTTP_ROOM_USES).as("every capability states what its HTTP room uses").containsKey(capability);
        List<String> allowed = new ArrayList<>(List.of(HTTP + "." + capability + "..", HTTP + ".common..", HTTP + ".problem.."));
        HTTP_ROOM_USES.get(capability).keySet().forEach(other -> allowed.add(HTTP + "." + other + ".."));
        DescribedPredicate<JavaClass> permitted = resideOutsideOfPackage(HTTP + "..")
                .or(resideInAnyPackage(allowed.toArray(String[]::new)));
        check(classes().that().resideInAPackage(HTTP + "." + capability + "..")
                .should().onlyDependOnClassesThat(permitted));
    }

    @ParameterizedTest
    @MethodSource("persistenceRooms")
    void aPersistenceRoomUsesOnlyItselfAndTheSharedJdbcClasses(String room) {
        check(classes().that().resideInAPackage(JDBC + "." + room + "..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(JDBC + "..")
                        .or(resideInAnyPackage(JDBC, JDBC + "." + room + ".."))));
    }

    static Stream<String> persistenceRooms() {
        return Stream.of("users", "audit", "lifecycle", "erasure", "stats", "events", "accounts", "webhooks", "privacy", "recipients");
    }

    @Test
    void theProblemMappingDependsOnNoOtherHttpRoom() {
        check(classes().that().resideInAPackage(HTTP + ".problem..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(HTTP + "..").or(resideInAPackage(HTTP + ".problem.."))));
    }

    @Test
    void commonHttpCodeKnowsNoCapability() {
        check(classes().that().resideInAPackage(HTTP + ".common..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(HTTP + "..")
                        .or(resideInAnyPackage(HTTP + ".common..", HTTP + ".problem.."))));
    }

    @Test
    void theSecurityAdapterKnowsNoHttpRoom() {
        check(classes().that().resideInAPackage(HTTP + ".security..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(HTTP + "..")
                        .or(resideInAnyPackage(HTTP + ".security.."))));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}

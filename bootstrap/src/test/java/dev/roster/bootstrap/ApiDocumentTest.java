package dev.roster.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API document as Swagger UI and client generators read it: served as YAML, with the bearer scheme on every
 * operation but the login, and operation ids a generator can name methods after. .ci/lint-openapi.sh lints the rest.
 */
@MicronautTest(transactional = false)
class ApiDocumentTest {
    private static final String DOCUMENT = "/swagger/roster-v1.yml";

    @Inject
    TestClient http;

    private TestReply reply;
    private Map<String, Object> document;

    @BeforeEach
    void fetch() {
        reply = http.get(DOCUMENT).assertStatus(200);
        document = new Yaml().load(reply.body());
    }

    @Test
    void isServedAsYaml() {
        assertThat(reply.contentType()).startsWith("application/yaml");
    }

    @Test
    void declaresTheBearerScheme() {
        Map<String, Object> bearer = map(map(map(document.get("components")).get("securitySchemes")).get("bearerAuth"));
        assertThat(bearer).containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat((String) bearer.get("description")).contains("POST /login");
    }

    @Test
    void everyOperationButTheLoginAndTheSignedConfirmationsNeedsTheBearerToken() {
        for (Operation operation : operations()) {
            Object security = operation.body().get("security");
            if (operation.path().equals("/login")) {
                assertThat(security).as("POST /login").isIn(null, List.of());
            } else if (operation.path().equals("/api/v1/erasure-recipients/{id}/confirmations")) {
                assertThat(security).as("a recipient's confirmation is signed instead")
                        .isEqualTo(List.of(Map.of("recipientSignature", List.of())));
            } else {
                assertThat(security).as(operation.method() + " " + operation.path()).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
            }
        }
    }

    @Test
    void operationIdsAreUniqueCamelCaseNames() {
        List<String> ids = operations().stream().map(operation -> (String) operation.body().get("operationId")).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id != null && id.matches("[a-z][A-Za-z]*"));
        assertThat(ids).contains("createUser", "getUser", "listUsers", "updateUser", "login", "exportUsers", "importUsers");
    }

    @Test
    void problemsAreDescribedAsProblemJson() {
        Map<String, Object> notFound = map(map(map(map(document.get("paths")).get("/api/v1/users/{id}")).get("get")).get("responses"));
        assertThat(map(notFound.get("404")).get("content").toString()).contains("application/problem+json").contains("#/components/schemas/Problem");
        assertThat(map(map(notFound.get("401")).get("headers"))).containsKey("WWW-Authenticate");
    }

    private record Operation(String method, String path, Map<String, Object> body) {
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, body) -> {
            if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                operations.add(new Operation(method, path, map(body)));
            }
        }));
        assertThat(operations).hasSizeGreaterThan(30);
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}

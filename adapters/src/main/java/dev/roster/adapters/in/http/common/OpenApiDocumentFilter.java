package dev.roster.adapters.in.http.common;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves the API document (/swagger/roster-v1.yml) as {@code application/yaml} (RFC 9512). The static resources know
 * no type for .yml (Micronaut's mime.types has none) and would answer {@code text/plain}.
 */
@ServerFilter("/swagger/**")
final class OpenApiDocumentFilter {
    static final MediaType YAML = MediaType.of("application/yaml");

    @ResponseFilter
    void yamlContentType(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if (response.getStatus() == HttpStatus.OK && (path.endsWith(".yml") || path.endsWith(".yaml"))) {
            response.contentType(YAML);
        }
    }
}

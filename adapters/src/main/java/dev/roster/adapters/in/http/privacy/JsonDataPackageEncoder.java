package dev.roster.adapters.in.http.privacy;

import dev.roster.adapters.in.http.erasure.DataPackageResponse;
import dev.roster.application.model.erasure.DataPackage;
import dev.roster.application.port.out.privacy.DataPackageEncoder;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A data package as the JSON document {@code GET /api/v1/users/{id}/export} answers with ({@link DataPackageResponse},
 * written by the same mapper), so that the package attached to a request is the file a download gives.
 */
@Singleton
final class JsonDataPackageEncoder implements DataPackageEncoder {
    private final JsonMapper json;

    JsonDataPackageEncoder(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String encode(DataPackage dataPackage) {
        try {
            return json.writeValueAsString(DataPackageResponse.of(dataPackage));
        } catch (IOException e) {
            throw new UncheckedIOException("the data package could not be written as JSON", e);
        }
    }
}

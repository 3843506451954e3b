package dev.roster.application.port.out.privacy;

import dev.roster.application.model.erasure.DataPackage;

/**
 * Writes a data package as the JSON document the API serves for it (the data-package endpoint's body), so that the
 * package attached to a request is the very file a download gives.
 */
public interface DataPackageEncoder {

    String encode(DataPackage dataPackage);
}

package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.ApplicationException;

/** The subscription has no delivery with that id. */
public final class DeliveryNotFoundException extends ApplicationException {
    public DeliveryNotFoundException() {
        super("The subscription has no delivery with that id.");
    }
}

package dev.roster.application.port.in.erasure;

import dev.roster.application.model.ApplicationException;

/** No erasure receipt has that id. */
public final class ReceiptNotFoundException extends ApplicationException {
    public ReceiptNotFoundException() {
        super("no erasure receipt with that id");
    }
}

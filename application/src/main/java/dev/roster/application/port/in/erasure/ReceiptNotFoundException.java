package dev.roster.application.port.in.erasure;

/** No erasure receipt has that id. */
public final class ReceiptNotFoundException extends RuntimeException {
    public ReceiptNotFoundException() {
        super("no erasure receipt with that id", null, false, false);
    }
}

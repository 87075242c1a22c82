package org.jcn.internal.server;

/** A request the server refuses; the connection answers with {@link #status()} and this message, then closes. */
final class BadRequest extends Exception {

    private final int status;

    BadRequest(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    BadRequest(String message) {
        this(400, message);
    }

    int status() {
        return status;
    }
}

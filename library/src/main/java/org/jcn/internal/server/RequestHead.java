package org.jcn.internal.server;

/**
 * The request line and the headers the server acts on.
 *
 * @param method        the method, such as {@code GET}
 * @param target        the origin-form target: path and optional query
 * @param http10        whether the request was HTTP/1.0 (otherwise HTTP/1.1)
 * @param keepAlive     whether the client lets the connection stay open after the response
 * @param contentLength the request body's length, 0 without a body
 * @param chunked       whether the body comes in chunks
 * @param expectContinue whether the client waits for {@code 100 Continue} before sending its body
 */
record RequestHead(String method, String target, boolean http10, boolean keepAlive, long contentLength,
                   boolean chunked, boolean expectContinue) {

    /** The query string after {@code ?}, or the empty string. */
    String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    boolean hasBody() {
        return chunked || contentLength > 0;
    }
}

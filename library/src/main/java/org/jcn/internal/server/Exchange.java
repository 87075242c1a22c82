package org.jcn.internal.server;

/**
 * Where one connection is in its current exchange (a request in, its response out), and the moves from one
 * place to the next: reading a request (its head, then any body to drop), waiting out its delay, writing its
 * response, and closed for good. It also counts each request in the server's {@link ServerStats} at the moments
 * that count: a request begins once it has been read whole and ends when its response goes to the socket, or
 * when the connection closes first. It holds no socket: {@link Connection} does the I/O and asks this what comes
 * next. Used only by the event loop's thread.
 */
final class Exchange {

    /** The places; every exchange starts reading and ends closed. */
    enum Phase { READING, WAITING, WRITING, CLOSED }

    private final ServerStats stats;
    private Phase phase = Phase.READING;
    /** The request being read or answered, once its head has been parsed; null between requests. */
    private RequestHead head;
    /** Bytes of the request's body (by Content-Length) still to drop. */
    private long bodyLeft;
    private boolean continueSent;
    private Query query;
    private long readAt;
    private long deadline;
    /** Counted as begun in the stats and not yet as ended. */
    private boolean inFlight;
    /** The response answers bytes that were no request: none was counted as begun. */
    private boolean refused;
    private boolean closeAfterWrite;
    private boolean inputEnded;

    Exchange(ServerStats stats) {
        this.stats = stats;
    }

    boolean is(Phase p) {
        return phase == p;
    }

    RequestHead head() {
        return head;
    }

    /** What a waiting request's query asked for. */
    Query query() {
        return query;
    }

    /** When a waiting request is due. */
    long deadline() {
        return deadline;
    }

    /** Whether the client has closed its sending end (reading is over, whatever the phase). */
    boolean inputEnded() {
        return inputEnded;
    }

    /** A request's head has been parsed; a body by Content-Length follows it (a chunked one was read with it). */
    void headRead(RequestHead parsed) {
        head = parsed;
        bodyLeft = parsed.chunked() ? 0 : parsed.contentLength();
    }

    /** Whether body bytes are still to be dropped before the request is whole. */
    boolean inBody() {
        return bodyLeft > 0;
    }

    /** Drops up to {@code available} bytes of the body; returns how many it took. */
    int dropBody(int available) {
        int n = (int) Math.min(bodyLeft, available);
        bodyLeft -= n;
        return n;
    }

    /** Whether more body is to come than the {@code available} bytes hold. */
    boolean bodyLongerThan(int available) {
        return bodyLeft > available;
    }

    /** Whether a {@code 100 Continue} is owed now (asked for, HTTP/1.1, not yet sent); if so it counts as sent. */
    boolean takeContinue() {
        if (head == null || !head.expectContinue() || head.http10() || continueSent) {
            return false;
        }
        continueSent = true;
        return true;
    }

    /** The request has been read whole, at {@code now}: it counts as begun. */
    void requestRead(long now) {
        readAt = now;
        inFlight = true;
        stats.begin();
        closeAfterWrite |= !head.keepAlive();
    }

    /** The answer to what {@code asked} asks is due at {@code due}. */
    void waitUntil(long due, Query asked) {
        phase = Phase.WAITING;
        deadline = due;
        query = asked;
    }

    /**
     * The bytes read are no request, so the stream can't be trusted to be at a request boundary: the answer to
     * them is the last thing on this connection. Returns false when no answer can be written (a response is
     * already going out or waiting): then the connection just closes.
     */
    boolean refuse() {
        if (phase != Phase.READING) {
            return false;
        }
        refused = true;
        closeAfterWrite = true;
        return true;
    }

    /**
     * The response starts going to the socket. The request counts as ended now, not once all of it has left: a
     * client that has the whole response must never find it missing from the counters, and the loop may get to
     * run again only after the client has read it.
     */
    void writing() {
        phase = Phase.WRITING;
        if (inFlight) {
            inFlight = false;
            stats.end(System.nanoTime() - readAt);
        } else if (refused) {
            stats.servedUnparsed();
        }
    }

    /** The response has gone out. Returns whether the connection reads its next request; if not, it closes. */
    boolean written() {
        if (closeAfterWrite) {
            return false;
        }
        phase = Phase.READING;
        head = null;
        query = null;
        continueSent = false;
        return true;
    }

    /**
     * The client has closed its sending end. Returns whether a request already read is still to be answered (a
     * client may half close after its last request); then the connection closes after its response. If not, it
     * closes now, dropping a partly read request.
     */
    boolean endInput() {
        if (phase != Phase.WAITING && phase != Phase.WRITING) {
            return false;
        }
        inputEnded = true;
        closeAfterWrite = true;
        return true;
    }

    /** Ends the exchange for good; returns false if it had ended before. A request in flight ends unanswered. */
    boolean close() {
        if (phase == Phase.CLOSED) {
            return false;
        }
        phase = Phase.CLOSED;
        if (inFlight) {
            inFlight = false;
            stats.end(-1);
        }
        return true;
    }

    @Override
    public String toString() {
        return phase.toString();
    }
}

package org.jcn.internal.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One accepted connection, served by an event loop ({@link EventLoop}) request after request while the client
 * keeps it alive: it parses what arrives, waits out the delay as an entry in the loop's timer queue (no thread
 * is held), then writes the response without blocking. Requests on one connection are answered in order: bytes
 * of a next request that arrive early are kept until the current one has been answered. Used only by the loop's
 * thread.
 *
 * <p>Why this hand-written server stays: the JDK's {@code com.sun.net.httpserver} was measured beside it in one
 * run and did not hold the download targets (BENCHMARKS.md, local latency server). Longer than ~200 lines: the
 * parsing, waiting and writing states of one connection share its buffers.
 */
final class Connection {

    /** The most unparsed bytes a connection keeps: a request head within the parser's limits always fits. */
    static final int MAX_BUFFERED = 1 << 20;

    private enum State { READING, WAITING, WRITING, CLOSED }

    private final SocketChannel socket;
    private final SelectionKey key;
    private final EventLoop loop;
    private State state = State.READING;
    /** Received bytes not parsed yet; null when there are none (the usual case between requests). */
    private byte[] kept;
    private int keptLength;
    /** Bytes of the current request's body (by Content-Length) still to drop. */
    private long bodyLeft;
    private RequestHead head;
    private Query query;
    private boolean continueSent;
    private boolean readEnded;
    /** Set while {@link #parse} runs: a response finished meanwhile lets that same loop go on to the next request. */
    private boolean parsing;
    private long parsedAt;
    private boolean inFlight;
    private boolean unparsed;
    private boolean closeAfterWrite;
    private Responses.Output output;
    private long deadline;

    Connection(SocketChannel socket, SelectionKey key, EventLoop loop) {
        this.socket = socket;
        this.key = key;
        this.loop = loop;
    }

    long deadline() {
        return deadline;
    }

    /** Bytes arrived: {@code bytes[0, length)}, of which the caller's buffer is reused after this returns. */
    void received(byte[] bytes, int length) {
        if (kept == null && state == State.READING) {
            int used = parse(bytes, 0, length);
            if (used < length && state != State.CLOSED) {
                keep(bytes, used, length);
            }
            return;
        }
        keep(bytes, 0, length);
        if (state == State.READING) {
            parseKept();
        }
    }

    /** The deadline of a waiting request has come: answer it. */
    void due() {
        if (state == State.WAITING) {
            respond();
        }
    }

    /** The socket takes more bytes again. */
    void writable() {
        if (state == State.WRITING) {
            write();
        }
    }

    /** Ends the connection; a request still in flight gets no answer. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (inFlight) {
            inFlight = false;
            loop.stats().end(-1);
        }
        key.cancel();
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do about a socket that fails to close
        }
    }

    private void keep(byte[] bytes, int from, int to) {
        int length = to - from;
        if (kept == null) {
            kept = Arrays.copyOfRange(bytes, from, from + Math.max(length, 256));
            keptLength = length;
            return;
        }
        if (keptLength + length > MAX_BUFFERED) {
            refuse(new BadRequest(413, "request larger than " + MAX_BUFFERED + " bytes before its end"));
            return;
        }
        if (keptLength + length > kept.length) {
            kept = Arrays.copyOf(kept, Math.min(MAX_BUFFERED, Math.max(kept.length * 2, keptLength + length)));
        }
        System.arraycopy(bytes, from, kept, keptLength, length);
        keptLength += length;
    }

    private void parseKept() {
        int used = parse(kept, 0, keptLength);
        if (state == State.CLOSED) {
            return;
        }
        if (used == keptLength) {
            kept = null;
            keptLength = 0;
        } else if (used > 0) {
            System.arraycopy(kept, used, kept, 0, keptLength - used);
            keptLength -= used;
        }
    }

    /** Parses and serves requests from {@code bytes[from, to)} while reading; returns the first byte not used. */
    private int parse(byte[] bytes, int from, int to) {
        parsing = true;
        try {
            return parseRequests(bytes, from, to);
        } finally {
            parsing = false;
        }
    }

    private int parseRequests(byte[] bytes, int from, int to) {
        int position = from;
        while (state == State.READING && position < to) {
            if (bodyLeft > 0) {
                int n = (int) Math.min(bodyLeft, to - position);
                position += n;
                bodyLeft -= n;
                if (bodyLeft == 0) {
                    serve();
                }
                continue;
            }
            RequestReader reader = loop.reader();
            reader.reset(bytes, position, to);
            try {
                RequestHead parsed = reader.readHead();
                if (parsed.chunked()) {
                    head = parsed;
                    reader.discardChunkedBody(); // the whole chunked body must be here, else parse again later
                    position = reader.position();
                    serve();
                } else {
                    head = parsed;
                    position = reader.position();
                    bodyLeft = parsed.contentLength();
                    if (bodyLeft == 0) {
                        serve();
                    } else if (bodyLeft > to - position) {
                        sendContinueIfExpected();
                    }
                }
            } catch (RequestReader.Incomplete e) {
                sendContinueIfExpected();
                return position;
            } catch (BadRequest e) {
                refuse(e);
                return to;
            }
        }
        return position;
    }

    /** A client waiting for {@code 100 Continue} before it sends the body gets it, once per request. */
    private void sendContinueIfExpected() {
        if (head != null && head.expectContinue() && !head.http10() && !continueSent) {
            continueSent = true;
            try {
                // a few bytes into an otherwise idle socket; a client that can't take them is dropped
                if (!Responses.interim100().writeTo(socket)) {
                    close();
                }
            } catch (IOException e) {
                close();
            }
        }
    }

    /** The stream can no longer be trusted to be at a request boundary: answer and close. */
    private void refuse(BadRequest e) {
        if (state != State.READING) {
            close();
            return;
        }
        unparsed = true;
        closeAfterWrite = true;
        startWrite(Responses.text(e.status(), e.getMessage(), false, false, false));
    }

    /** A whole request has been received: start its delay, or answer it now. */
    private void serve() {
        parsedAt = System.nanoTime();
        inFlight = true;
        loop.stats().begin();
        closeAfterWrite |= !head.keepAlive();
        try {
            query = Query.parse(head.query(), loop.settings().maxDelay().toMillis(), loop.settings().maxBodyBytes());
        } catch (BadRequest e) {
            startWrite(Responses.text(e.status(), e.getMessage(), head.keepAlive(), head.http10(), isHead()));
            return;
        }
        long delayNanos = query.delayMillis() < 0 ? loop.settings().delay().toNanos()
                : query.delayMillis() * 1_000_000;
        if (delayNanos > 0) {
            state = State.WAITING;
            deadline = parsedAt + delayNanos;
            loop.schedule(this);
        } else {
            respond();
        }
    }

    private boolean isHead() {
        return head.method().equals("HEAD");
    }

    private void respond() {
        if (query.status() != 200) {
            String message = query.status() + " " + Responses.reason(query.status()) + ", as the query string asked";
            startWrite(Responses.text(query.status(), message, head.keepAlive(), head.http10(), isHead()));
        } else {
            long bytes = query.bytes() < 0 ? loop.settings().bodyBytes() : query.bytes();
            startWrite(Responses.image(bytes, head.keepAlive(), head.http10(), isHead()));
        }
    }

    private void startWrite(Responses.Output response) {
        state = State.WRITING;
        output = response;
        // Counted as the response goes to the socket, not once it has all left: a client that has the whole
        // response must never find it missing from the counters, and the loop may get to run again only after
        // the client has read it.
        if (inFlight) {
            inFlight = false;
            loop.stats().end(System.nanoTime() - parsedAt);
        } else if (unparsed) {
            loop.stats().servedUnparsed();
        }
        write();
    }

    private void write() {
        try {
            if (!output.writeTo(socket)) {
                key.interestOps((readEnded ? 0 : SelectionKey.OP_READ) | SelectionKey.OP_WRITE);
                return;
            }
        } catch (IOException e) {
            close(); // the client went away: nobody is left to answer
            return;
        }
        output = null;
        if (closeAfterWrite) {
            close();
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        state = State.READING;
        head = null;
        query = null;
        continueSent = false;
        if (kept != null && !parsing) {
            parseKept(); // a next request that arrived while this one waited or was written
        }
    }

    /**
     * The client has closed its sending end. A request already received is still answered (a client may half
     * close after its last request), then the connection closes; a partly received one is dropped.
     */
    void endOfStream() {
        if (state == State.WAITING || state == State.WRITING) {
            readEnded = true;
            closeAfterWrite = true;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        } else {
            close();
        }
    }

    @Override
    public String toString() {
        return "connection " + socket + " " + state;
    }
}

package org.jcn.internal.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.jcn.internal.server.Exchange.Phase;

/**
 * One accepted connection, served by an event loop ({@link EventLoop}) request after request while the client
 * keeps it alive: bytes arrive, the {@link Exchange} advances (a request read, its delay waited out as an entry in
 * the loop's timer queue, no thread held), and the response is written without blocking. Requests on one
 * connection are answered in order: bytes of a next request that arrive early are kept ({@link KeptBytes}) until
 * the current one has been answered. Used only by the loop's thread.
 *
 * <p>Why this hand-written server stays: the JDK's {@code com.sun.net.httpserver} was measured beside it in one
 * run and did not hold the download targets (BENCHMARKS.md, local latency server). Longer than ~200 lines: reading,
 * waiting and writing share the connection's socket and kept bytes; the state they move through is its own type.
 */
final class Connection {

    private final SocketChannel socket;
    private final SelectionKey key;
    private final EventLoop loop;
    private final Exchange exchange;
    private final KeptBytes kept = new KeptBytes();
    /** Set while {@link #parse} runs: a response finished meanwhile lets that same loop go on to the next request. */
    private boolean parsing;
    private Responses.Output output;

    Connection(SocketChannel socket, SelectionKey key, EventLoop loop) {
        this.socket = socket;
        this.key = key;
        this.loop = loop;
        this.exchange = new Exchange(loop.stats());
    }

    long deadline() {
        return exchange.deadline();
    }

    /** Bytes arrived: {@code bytes[0, length)}, of which the caller's buffer is reused after this returns. */
    void received(byte[] bytes, int length) {
        if (kept.isEmpty() && exchange.is(Phase.READING)) {
            int used = parse(bytes, 0, length);
            if (used < length && !exchange.is(Phase.CLOSED)) {
                keep(bytes, used, length);
            }
            return;
        }
        keep(bytes, 0, length);
        if (exchange.is(Phase.READING)) {
            parseKept();
        }
    }

    /** The deadline of a waiting request has come: answer it. */
    void due() {
        if (exchange.is(Phase.WAITING)) {
            respond(exchange.query());
        }
    }

    /** The socket takes more bytes again. */
    void writable() {
        if (exchange.is(Phase.WRITING)) {
            write();
        }
    }

    /**
     * The client has closed its sending end. A request already received is still answered (a client may half
     * close after its last request), then the connection closes; a partly received one is dropped.
     */
    void endOfStream() {
        if (exchange.endInput()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        } else {
            close();
        }
    }

    /** Ends the connection; a request still in flight gets no answer. */
    void close() {
        if (!exchange.close()) {
            return;
        }
        key.cancel();
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do about a socket that fails to close
        }
    }

    private void keep(byte[] bytes, int from, int to) {
        if (!kept.add(bytes, from, to)) {
            refuse(new BadRequest(413, "request larger than " + KeptBytes.MAX + " bytes before its end"));
        }
    }

    private void parseKept() {
        int used = parse(kept.bytes(), 0, kept.length());
        if (!exchange.is(Phase.CLOSED)) {
            kept.drop(used);
        }
    }

    /** Parses and serves requests from {@code bytes[from, to)} while reading; returns the first byte not used. */
    private int parse(byte[] bytes, int from, int to) {
        parsing = true;
        int position = from;
        try {
            while (exchange.is(Phase.READING) && position < to) {
                if (exchange.inBody()) {
                    position += exchange.dropBody(to - position);
                } else {
                    RequestReader reader = loop.reader();
                    reader.reset(bytes, position, to);
                    RequestHead head = reader.readHead();
                    exchange.headRead(head);
                    if (head.chunked()) {
                        reader.discardChunkedBody(); // the whole chunked body must be here, else parse again later
                    }
                    position = reader.position();
                }
                if (!exchange.inBody()) {
                    serve();
                } else if (exchange.bodyLongerThan(to - position)) {
                    sendContinueIfExpected();
                }
            }
            return position;
        } catch (RequestReader.Incomplete e) {
            sendContinueIfExpected();
            return position;
        } catch (BadRequest e) {
            refuse(e);
            return to;
        } finally {
            parsing = false;
        }
    }

    /** A client waiting for {@code 100 Continue} before it sends the body gets it, once per request. */
    private void sendContinueIfExpected() {
        if (exchange.takeContinue()) {
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
        if (exchange.refuse()) {
            startWrite(Responses.text(e.status(), e.getMessage(), false, false, false));
        } else {
            close();
        }
    }

    /** A whole request has been received: start its delay, or answer it now. */
    private void serve() {
        long now = System.nanoTime();
        exchange.requestRead(now);
        ServerSettings settings = loop.settings();
        Query query;
        try {
            query = Query.parse(exchange.head().query(), settings.maxDelay().toMillis(), settings.maxBodyBytes());
        } catch (BadRequest e) {
            startWrite(Responses.refusal(exchange.head(), e));
            return;
        }
        long delayNanos = query.delayMillis() < 0 ? settings.delay().toNanos() : query.delayMillis() * 1_000_000;
        if (delayNanos > 0) {
            exchange.waitUntil(now + delayNanos, query);
            loop.schedule(this);
        } else {
            respond(query);
        }
    }

    private void respond(Query query) {
        startWrite(Responses.answer(exchange.head(), query, loop.settings().bodyBytes()));
    }

    private void startWrite(Responses.Output response) {
        exchange.writing();
        output = response;
        write();
    }

    private void write() {
        try {
            if (!output.writeTo(socket)) {
                key.interestOps((exchange.inputEnded() ? 0 : SelectionKey.OP_READ) | SelectionKey.OP_WRITE);
                return;
            }
        } catch (IOException e) {
            close(); // the client went away: nobody is left to answer
            return;
        }
        output = null;
        if (!exchange.written()) {
            close();
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        if (!kept.isEmpty() && !parsing) {
            parseKept(); // a next request that arrived while this one waited or was written
        }
    }

    @Override
    public String toString() {
        return "connection " + socket + " " + exchange;
    }
}

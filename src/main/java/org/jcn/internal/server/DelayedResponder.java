package org.jcn.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Answers every request of a latency server: checks what the JDK's server lets through, reads and drops the
 * body, and leaves the answer to a timer, so a request waiting out its delay holds no thread.
 *
 * <p>Runs on the JDK server's dispatcher thread, which must not wait: a request with a body has it read on a
 * virtual thread. When the delay is over, the timer thread writes a small answer itself (it fits the socket's
 * buffer, so the write does not wait for the client); a larger one is written on a virtual thread, so a client
 * that reads slowly holds up only itself.
 */
final class DelayedResponder implements HttpHandler {

    /** The most of a request's body the server reads (and drops); a larger one gets a 413 and the connection ends. */
    static final long MAX_BODY = 1 << 20;

    /** Answers up to this size are written by the timer thread itself. */
    private static final long SMALL_ANSWER = 32 * 1024;

    private final ServerSettings settings;
    private final ServerStats stats;
    private final ScheduledExecutorService timer;
    private final Executor writers;

    DelayedResponder(ServerSettings settings, ServerStats stats, ScheduledExecutorService timer, Executor writers) {
        this.settings = settings;
        this.stats = stats;
        this.timer = timer;
        this.writers = writers;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long readAt = System.nanoTime();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (exchange.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.equals("0"))) {
            writers.execute(() -> accept(exchange, readAt, true)); // reading the body may wait for the client
        } else {
            accept(exchange, readAt, false);
        }
    }

    private void accept(HttpExchange exchange, long readAt, boolean hasBody) {
        try {
            String malformed = malformed(exchange);
            if (malformed == null && hasBody && drain(exchange.getRequestBody(), MAX_BODY) > MAX_BODY) {
                stats.servedUnparsed();
                refuseTooLarge(exchange);
                return;
            }
            if (malformed != null) {
                stats.servedUnparsed();
                text(exchange, 400, malformed, true);
                return;
            }
        } catch (IOException e) {
            exchange.close();
            return;
        }
        stats.begin();
        Query query;
        try {
            String raw = exchange.getRequestURI().getRawQuery();
            query = Query.parse(raw == null ? "" : raw, settings.maxDelay().toMillis(), settings.maxBodyBytes());
        } catch (BadRequest e) {
            answer(exchange, readAt, e.status(), e.getMessage());
            return;
        }
        long delayNanos = query.delayMillis() < 0 ? settings.delay().toNanos() : query.delayMillis() * 1_000_000;
        long bytes = query.bytes() < 0 ? settings.bodyBytes() : query.bytes();
        Runnable answer = () -> answer(exchange, readAt, query);
        if (bytes > SMALL_ANSWER) {
            Runnable small = answer;
            answer = () -> writers.execute(small);
        }
        if (delayNanos > 0) {
            timer.schedule(answer, delayNanos, TimeUnit.NANOSECONDS);
        } else {
            answer.run();
        }
    }

    /** Why a request the JDK's server accepted is malformed after all, or null if it is not. */
    private static String malformed(HttpExchange exchange) {
        String version = exchange.getProtocol();
        if (version.length() != 8 || !version.startsWith("HTTP/1.")) {
            return "malformed HTTP version: " + Query.printable(version);
        }
        List<String> host = exchange.getRequestHeaders().get("Host");
        if (version.equals("HTTP/1.1") && (host == null || host.size() != 1)) {
            return "an HTTP/1.1 request needs exactly one Host header field";
        }
        if (host != null && host.stream().anyMatch(h -> h.chars().anyMatch(c -> c <= ' '))) {
            return "malformed Host header field (a folded line?): " + Query.printable(host.getFirst());
        }
        return null;
    }

    /** Reads a request's body and drops it, up to just past {@code limit} bytes; returns how much it read. */
    private static long drain(InputStream body, long limit) throws IOException {
        long total = 0;
        byte[] buffer = new byte[8192];
        for (int n; total <= limit && (n = body.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /**
     * Answers 413 and closes, but first reads (and drops) what the client is still sending, up to a limit: closing
     * a socket with unread data makes the OS reset the connection, and the client would lose the answer.
     */
    private static void refuseTooLarge(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = ("request body larger than " + MAX_BODY + " bytes\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(413, body.length);
            exchange.getResponseBody().write(body);
            exchange.getResponseBody().flush();
            drain(exchange.getRequestBody(), 8 * MAX_BODY);
        }
    }

    private void answer(HttpExchange exchange, long readAt, Query query) {
        if (query.status() != 200) {
            answer(exchange, readAt, query.status(),
                    query.status() + " " + Bodies.reason(query.status()) + ", as the query string asked");
            return;
        }
        long bytes = query.bytes() < 0 ? settings.bodyBytes() : query.bytes();
        try (exchange) {
            stats.end(System.nanoTime() - readAt);
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "image/gif");
            headers.set("Server", "jcn-latency-server");
            if (exchange.getRequestMethod().equals("HEAD") || bytes == 0) {
                // The JDK's server sends no body for length -1 (and would use chunked encoding for 0).
                headers.set("Content-Length", Long.toString(bytes));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, bytes);
                Bodies.writeImage(exchange.getResponseBody(), bytes);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the server was closed meanwhile
        }
    }

    private void answer(HttpExchange exchange, long readAt, int status, String message) {
        stats.end(System.nanoTime() - readAt);
        try {
            text(exchange, status, message, false);
        } catch (IOException e) {
            exchange.close();
        }
    }

    private static void text(HttpExchange exchange, int status, String message, boolean close) throws IOException {
        try (exchange) {
            byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "text/plain; charset=utf-8");
            headers.set("Server", "jcn-latency-server");
            if (close) {
                headers.set("Connection", "close");
            }
            if (exchange.getRequestMethod().equals("HEAD")) {
                headers.set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }
}

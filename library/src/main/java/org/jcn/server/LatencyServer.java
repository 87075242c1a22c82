package org.jcn.server;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import org.jcn.internal.server.Listener;
import org.jcn.internal.server.ServerSettings;
import org.jcn.internal.server.ServerStats;

/**
 * A local HTTP/1.1 server that answers every request after a fixed delay with a body of a fixed size: a stand-in
 * for the slow web servers of download examples, so they run offline and give the same timings everywhere.
 *
 * <p>{@link #start(Duration, int)} binds 127.0.0.1 on a free port; nothing outside this machine can connect. Any
 * path answers {@code 200 OK} with an image-like body ({@code image/gif}: a valid 1x1 GIF followed by filler), a
 * {@code Content-Length}, and keep-alive. A request may override the defaults through its query string:
 * {@code ?delay=250} (milliseconds), {@code ?bytes=1000}, and {@code ?status=503} to answer with an error status
 * after the delay. A query value out of range gets a {@code 400} that says why; a malformed request gets a
 * {@code 400} and its connection is closed. The delay counts from the moment the request has been read.
 *
 * <p>A few event-loop threads (one per core, at most four) serve every connection through non-blocking sockets,
 * and a delay is an entry in a loop's timer queue, so tens of thousands of delayed requests in flight hold no
 * thread at all and cost the server little CPU; answers that are due go before new requests are read. The listen
 * backlog is as large as the OS allows. The counters ({@link #requestsServed()}, {@link #maxConcurrentRequests()},
 * {@link #serverTime(double)}) show what the server saw. The caller must {@link #close()} the server: that stops
 * accepting, ends every open connection (requests in flight get no answer) and its threads, and frees the port. A
 * notebook's setup cell starts its server under a name ({@link #start(String, Duration, int)}): running the cell
 * again then closes the server it started before, instead of leaving one more listening. Thread safe.
 *
 * {@snippet :
 * try (var server = LatencyServer.start(Duration.ofMillis(100), 200_000)) {
 *     HttpClient client = HttpClient.newHttpClient();
 *     long bytes = Downloads.fetch(client, server.uri("/image/1"));   // 200000, after 100 ms
 *     List<URI> images = server.uris(10);                              // /image/1 ... /image/10
 *     long small = Downloads.fetch(client, server.uri("/image/2?delay=250&bytes=1000"));
 * }
 * }
 *
 * <p>Longer than the house's ~150 lines: its API documentation is some 40% of it; serving lives in internal.server.
 */
public final class LatencyServer implements AutoCloseable {

    /** The largest delay a server or a request may ask for: ten minutes. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(10);

    /** The largest body a server or a request may ask for: 64 MiB. */
    public static final int MAX_BODY_BYTES = 64 << 20;

    /** The open servers started under a name, by name. Guarded by itself. */
    private static final Map<String, LatencyServer> NAMED = new HashMap<>();

    private final String name;
    private final Listener listener;
    private final ServerSettings settings;
    private final ServerStats stats;
    private final URI base;

    private LatencyServer(String name, Listener listener, ServerSettings settings, ServerStats stats) {
        this.name = name;
        this.listener = listener;
        this.settings = settings;
        this.stats = stats;
        this.base = URI.create("http://127.0.0.1:" + listener.port() + "/");
    }

    /**
     * Starts a server on 127.0.0.1, on a port the OS picks.
     *
     * @param delay     how long each response waits, counted from the moment its request has been read
     * @param bodyBytes the size of each response's body
     * @return the running server, which the caller must close
     * @throws NullPointerException     if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative or longer than {@link #MAX_DELAY}, or
     *                                  {@code bodyBytes} is negative or larger than {@link #MAX_BODY_BYTES}
     * @throws IOException              if no port can be bound
     */
    public static LatencyServer start(Duration delay, int bodyBytes) throws IOException {
        return open(null, settings(delay, bodyBytes));
    }

    /**
     * Starts a server as {@link #start(Duration, int)} does, under a name; an open server started earlier under
     * the same name in this JVM is closed first. So a notebook's setup cell may be run again without leaving its
     * earlier server listening: the cell's variable then holds the one server that is still open.
     *
     * {@snippet :
     * LatencyServer server = LatencyServer.start("lesson 03", Duration.ofMillis(100), 500_000);
     * }
     *
     * @param name      the name, such as the notebook's; not blank
     * @param delay     how long each response waits, counted from the moment its request has been read
     * @param bodyBytes the size of each response's body
     * @return the running server, which the caller must close
     * @throws NullPointerException     if {@code name} or {@code delay} is null
     * @throws IllegalArgumentException if {@code name} is blank, or as for {@link #start(Duration, int)}
     * @throws IOException              if no port can be bound (the earlier server is closed all the same)
     */
    public static LatencyServer start(String name, Duration delay, int bodyBytes) throws IOException {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        ServerSettings settings = settings(delay, bodyBytes);
        synchronized (NAMED) {
            LatencyServer earlier = NAMED.remove(name);
            if (earlier != null) {
                earlier.close();
            }
            LatencyServer server = open(name, settings);
            NAMED.put(name, server);
            return server;
        }
    }

    private static ServerSettings settings(Duration delay, int bodyBytes) {
        Objects.requireNonNull(delay, "delay must not be null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0 but was " + delay);
        }
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be <= " + MAX_DELAY + " but was " + delay);
        }
        if (bodyBytes < 0 || bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("bodyBytes must be in [0, " + MAX_BODY_BYTES + "] but was " + bodyBytes);
        }
        return new ServerSettings(delay, bodyBytes, MAX_DELAY, MAX_BODY_BYTES);
    }

    private static LatencyServer open(String name, ServerSettings settings) throws IOException {
        var stats = new ServerStats();
        return new LatencyServer(name, Listener.start(settings, stats), settings, stats);
    }

    /** {@return the server's address, {@code http://127.0.0.1:port/}} */
    public URI uri() {
        return base;
    }

    /**
     * An address on this server: a path, optionally with a query string such as {@code ?delay=250&bytes=1000}.
     *
     * @param path the path, starting with {@code /}
     * @return the URI
     * @throws NullPointerException     if {@code path} is null
     * @throws IllegalArgumentException if {@code path} does not start with {@code /} or is not a valid URI path
     */
    public URI uri(String path) {
        Objects.requireNonNull(path, "path must not be null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with / but was " + path);
        }
        return base.resolve(path);
    }

    /**
     * A list of image addresses, like a tutorial's list of URLs: {@code /image/1} to {@code /image/count}.
     *
     * @param count how many
     * @return an unmodifiable list of {@code count} URIs
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public List<URI> uris(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
        return IntStream.rangeClosed(1, count).mapToObj(i -> uri("/image/" + i)).toList();
    }

    /** {@return the port the server listens on} */
    public int port() {
        return listener.port();
    }

    /** {@return the default delay before each response} */
    public Duration delay() {
        return settings.delay();
    }

    /** {@return the default body size in bytes} */
    public int bodyBytes() {
        return (int) settings.bodyBytes();
    }

    /**
     * {@return the responses sent so far (or since {@link #resetCounters()}), errors included; a response counts
     * from the moment it goes to the socket, so one a client has received is always counted}
     */
    public long requestsServed() {
        return stats.served();
    }

    /**
     * The most requests this server has had in flight at once (read, and not yet answered) so far, or since
     * {@link #resetCounters()}: a direct view of how much concurrency a client achieved.
     *
     * @return the largest number of requests in flight at the same time
     */
    public int maxConcurrentRequests() {
        return stats.maxActive();
    }

    /**
     * The server's own time for a request, from request read to response sent, at the given percentile of the
     * most recent 65,536 requests (since start or {@link #resetCounters()}). Close to {@link #delay()} when the
     * server keeps up; the gap is the server's overhead.
     *
     * @param percentile in (0, 100], such as 50 or 99
     * @return the time at that percentile (nearest rank), or {@link Duration#ZERO} before any request
     * @throws IllegalArgumentException if {@code percentile} is not in (0, 100]
     */
    public Duration serverTime(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100] but was " + percentile);
        }
        return Duration.ofNanos(stats.percentileNanos(percentile));
    }

    /** Sets the counters back to zero; requests in flight now count towards the new maximum. */
    public void resetCounters() {
        stats.reset();
    }

    /**
     * Stops the server: stops accepting, closes every open connection (requests in flight get no answer), frees
     * the port, and waits (up to five seconds) for its event-loop threads to end. Idempotent.
     */
    @Override
    public void close() {
        if (name != null) {
            synchronized (NAMED) {
                NAMED.remove(name, this);
            }
        }
        listener.close();
    }

    @Override
    public String toString() {
        return "LatencyServer[" + (name == null ? "" : "\"" + name + "\", ") + base + ", delay=" + delay()
                + ", bodyBytes=" + bodyBytes()
                + (listener.isOpen() ? "" : ", closed") + ", served=" + requestsServed() + "]";
    }
}

package org.jcn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DownloadsTest {

    private static HttpClient client;
    private static LatencyServer server;

    @BeforeAll
    static void start() throws IOException {
        client = HttpClient.newHttpClient();
        server = LatencyServer.start(Duration.ofMillis(10), 200_000);
    }

    @AfterAll
    static void stop() {
        server.close();
        client.close();
    }

    /** One behaviour through every mechanism: blocking call, platform thread, virtual thread, future. */
    private interface Fetcher {
        long fetch(URI uri) throws Exception;
    }

    private static final Fetcher[] EVERY_WAY = {
            uri -> Downloads.fetch(client, uri),
            uri -> onThread(Executors.newSingleThreadExecutor(), uri),
            uri -> onThread(Executors.newVirtualThreadPerTaskExecutor(), uri),
            uri -> Downloads.fetchAsync(client, uri).get()};

    private static long onThread(ExecutorService threads, URI uri) throws Exception {
        try (threads) {
            return threads.submit(() -> Downloads.fetch(client, uri)).get();
        }
    }

    @Test
    void returnsTheBodySizeEveryWay() throws Exception {
        for (Fetcher way : EVERY_WAY) {
            assertEquals(200_000L, way.fetch(server.uri("/image/1")));
            assertEquals(1234L, way.fetch(server.uri("/image/2?bytes=1234")));
            assertEquals(0L, way.fetch(server.uri("/image/3?bytes=0")));
        }
    }

    @Test
    void aStatusOtherThan200IsAnIOExceptionNamingUriStatusAndText() {
        URI uri = server.uri("/image/1?status=503");
        IOException e = assertThrows(IOException.class, () -> Downloads.fetch(client, uri));
        assertEquals("GET " + uri + " answered 503: 503 Service Unavailable, as the query string asked",
                e.getMessage());

        URI bad = server.uri("/image/1?delay=soon");
        ExecutionException async = assertThrows(ExecutionException.class,
                () -> Downloads.fetchAsync(client, bad).get());
        IOException cause = assertInstanceOf(IOException.class, async.getCause());
        assertEquals("GET " + bad + " answered 400: delay must be a whole number in [0, 600000] (milliseconds)"
                + " but was soon", cause.getMessage());
    }

    @Test
    void aServerThatIsGoneIsAConnectExceptionNamingTheUri() throws Exception {
        URI gone;
        try (var closed = LatencyServer.start(Duration.ZERO, 1)) {
            gone = closed.uri("/image/1");
        }
        String expected = "GET " + gone + ": could not connect to 127.0.0.1:" + gone.getPort()
                + " (nothing listens there: was the server closed, or never started?)";
        ConnectException e = assertThrows(ConnectException.class, () -> Downloads.fetch(client, gone));
        assertEquals(expected, e.getMessage());
        assertInstanceOf(ConnectException.class, e.getCause());
        ExecutionException async = assertThrows(ExecutionException.class,
                () -> Downloads.fetchAsync(client, gone).get());
        assertEquals(expected, assertInstanceOf(ConnectException.class, async.getCause()).getMessage());
    }

    @Test
    void nullArgumentsAreNamed() {
        URI uri = server.uri("/x");
        assertEquals("client must not be null",
                assertThrows(NullPointerException.class, () -> Downloads.fetch(null, uri)).getMessage());
        assertEquals("uri must not be null",
                assertThrows(NullPointerException.class, () -> Downloads.fetch(client, null)).getMessage());
        assertEquals("client must not be null",
                assertThrows(NullPointerException.class, () -> Downloads.fetchAsync(null, uri)).getMessage());
        assertEquals("uri must not be null",
                assertThrows(NullPointerException.class, () -> Downloads.fetchAsync(client, null)).getMessage());
    }
}

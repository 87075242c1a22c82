package org.jcn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyServerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    @Test
    @Timeout(10)
    void bindsLoopbackOnAFreePort() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 10)) {
            assertTrue(server.port() > 0);
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.uri());
            assertEquals(Duration.ZERO, server.delay());
            assertEquals(10, server.bodyBytes());
        }
    }

    @Test
    @Timeout(10)
    void answersNoSoonerThanTheDelay() throws Exception {
        try (var server = LatencyServer.start(Duration.ofMillis(150), 100)) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(server.uri("/image/1"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(200, response.statusCode());
            assertTrue(took.compareTo(Duration.ofMillis(150)) >= 0, "took " + took);
            assertTrue(server.serverTime(50).compareTo(Duration.ofMillis(150)) >= 0,
                    "server " + server.serverTime(50));
        }
    }

    @Test
    @Timeout(10)
    void bodyHasTheConfiguredSizeAndIsAnImage() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 1_500_000)) {
            HttpResponse<byte[]> response = get(server.uri("/image/7"));
            assertEquals(200, response.statusCode());
            assertEquals(1_500_000, response.body().length);
            assertEquals("image/gif", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("1500000", response.headers().firstValue("Content-Length").orElseThrow());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
            assertNotNull(image, "the body should decode as an image");
            assertEquals(1, image.getWidth());
        }
    }

    @Test
    @Timeout(10)
    void queryStringOverridesDelayAndSize() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 10)) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(server.uri("/anything?delay=200&bytes=1000&cachebuster=3"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1000, response.body().length);
            assertTrue(took.compareTo(Duration.ofMillis(200)) >= 0, "took " + took);
            assertEquals(0, get(server.uri("/x?bytes=0")).body().length);
        }
    }

    @Test
    @Timeout(10)
    void statusOverrideAnswersWithThatErrorAfterTheDelay() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 10)) {
            HttpResponse<byte[]> response = get(server.uri("/flaky?status=503&delay=50"));
            assertEquals(503, response.statusCode());
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Service Unavailable"));
            assertTrue(server.serverTime(100).compareTo(Duration.ofMillis(50)) >= 0);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "delay=abc          | delay must be a whole number in [0, 600000] (milliseconds) but was abc",
            "delay=-5           | delay must be a whole number in [0, 600000] (milliseconds) but was -5",
            "delay=600001       | delay must be a whole number in [0, 600000] (milliseconds) but was 600001",
            "bytes=67108865     | bytes must be a whole number in [0, 67108864] but was 67108865",
            "bytes=             | bytes must be a whole number in [0, 67108864] but was ",
            "status=302         | status must be 200 or in [400, 599] but was 302",
            "status=700         | status must be a whole number in [200, 599] but was 700"})
    @Timeout(10)
    void badQueryValuesGet400NamingTheParameterAndValue(String query, String message) throws Exception {
        try (var server = LatencyServer.start(Duration.ofSeconds(5), 10)) {
            HttpResponse<byte[]> response = get(server.uri("/image/1?" + query));
            assertEquals(400, response.statusCode());
            assertEquals(message.strip(), new String(response.body(), StandardCharsets.UTF_8).strip());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GARBAGE\r\n\r\n",
            "GET /x\r\n\r\n",
            "GET  /x HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET x HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /x HTTX/1.1\r\nHost: a\r\n\r\n",
            "GET /x HTTP/1.1\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost a\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: ten\r\n\r\n",
            "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"})
    @Timeout(10)
    void malformedRequestsGet400AndTheConnectionCloses(String request) throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 10)) {
            String response = exchangeUntilClosed(server.port(), request);
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.contains("Connection: close\r\n"), response);
        }
    }

    @Test
    @Timeout(10)
    void anyPathAndMethodAnswersAndHeadHasNoBody() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 321)) {
            assertEquals(321, get(server.uri("/no/such/thing.html")).body().length);
            HttpResponse<byte[]> post = CLIENT.send(HttpRequest.newBuilder(server.uri("/upload"))
                    .POST(HttpRequest.BodyPublishers.ofString("a body to ignore")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(321, post.body().length);
            String head = exchangeUntilClosed(server.port(),
                    "HEAD /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 321\r\n"), head);
            assertTrue(head.endsWith("\r\n\r\n"), "HEAD must not carry a body: " + head);
        }
    }

    @Test
    @Timeout(10)
    void keepsTheConnectionAliveAndReadsChunkedBodies() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 5);
             var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            var out = socket.getOutputStream();
            out.write(("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /2 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                    + "GET /3?bytes=2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(3, all.split("HTTP/1.1 200 OK", -1).length - 1, all);
            assertEquals(3, server.requestsServed());
        }
    }

    @Test
    @Timeout(10)
    void requestsSplitAcrossWritesAreParsedWhole() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 7);
             var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            String requests = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789"
                    + "GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
            for (String piece : requests.split("(?<=\\G.{5})")) { // five bytes at a time
                out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(1);
            }
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(3, all.split("HTTP/1.1 200 OK", -1).length - 1, all);
            assertEquals(3, server.requestsServed());
        }
    }

    @Test
    @Timeout(10)
    void aClientThatExpects100ContinueGetsItBeforeSendingItsBody() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 4);
             var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            out.write(("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.ISO_8859_1));
            out.write("abc".getBytes(StandardCharsets.ISO_8859_1));
            String rest = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(rest.startsWith("HTTP/1.1 200 OK\r\n") && rest.contains("Content-Length: 4\r\n"), rest);
        }
    }

    @Test
    @Timeout(10)
    void aClientThatClosesItsSendingSideStillGetsItsAnswer() throws Exception {
        try (var server = LatencyServer.start(Duration.ofMillis(50), 6);
             var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n") && all.contains("Content-Length: 6\r\n"), all);
            assertEquals(1, server.requestsServed());
        }
    }

    @Test
    @Timeout(10)
    void aChunkedBodyTooLargeToKeepGets413AndTheConnectionCloses() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 4);
             var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            out.write("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            String answer;
            try {
                for (int i = 0; i < 17; i++) { // 1 MiB and a bit, never completing the 16 MiB chunk
                    out.write(chunk);
                }
            } catch (IOException resetWhileSending) {
                // the server may close before all of it is out
            }
            answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 413", answer);
        }
    }

    @Test
    @Timeout(20)
    void concurrentRequestsOverlapInsteadOfQueueing() throws Exception {
        // The delay leaves the client ample time to have all 500 requests out before the first answer, even on
        // a busy machine; the assertion is about overlap, not about how long anything took.
        try (var server = LatencyServer.start(Duration.ofSeconds(1), 1000);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> downloads = new ArrayList<>();
            for (URI uri : server.uris(500)) {
                downloads.add(threads.submit(() -> Downloads.fetch(CLIENT, uri)));
            }
            for (Future<Long> download : downloads) {
                assertEquals(1000L, download.get());
            }
            assertEquals(500, server.requestsServed());
            assertTrue(server.maxConcurrentRequests() >= 400, "max concurrent " + server.maxConcurrentRequests());
        }
    }

    @Test
    @Timeout(20)
    void delayedRequestsHoldNoPlatformThread() throws Exception {
        try (var server = LatencyServer.start(Duration.ofSeconds(30), 10)) {
            int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    var socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    sockets.add(socket);
                    socket.getOutputStream()
                            .write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                await("all 300 requests read and waiting out their delay").atMost(Duration.ofSeconds(30))
                        .until(() -> server.maxConcurrentRequests() >= 300);
                int growth = ManagementFactory.getThreadMXBean().getThreadCount() - platformThreadsBefore;
                assertTrue(growth < 30, "300 waiting requests added " + growth + " platform threads");
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    @Timeout(10)
    void countersStartAgainAfterReset() throws Exception {
        try (var server = LatencyServer.start(Duration.ofMillis(20), 10)) {
            assertEquals(Duration.ZERO, server.serverTime(99));
            get(server.uri("/a"));
            get(server.uri("/b?delay=60"));
            assertEquals(2, server.requestsServed());
            assertEquals(1, server.maxConcurrentRequests());
            assertTrue(server.serverTime(50).compareTo(Duration.ofMillis(20)) >= 0);
            assertTrue(server.serverTime(100).compareTo(Duration.ofMillis(60)) >= 0);
            server.resetCounters();
            assertAll(() -> assertEquals(0, server.requestsServed()),
                    () -> assertEquals(0, server.maxConcurrentRequests()),
                    () -> assertEquals(Duration.ZERO, server.serverTime(50)));
        }
    }

    @Test
    @Timeout(10)
    void closeEndsOpenConnectionsAndFreesThePort() throws Exception {
        var server = LatencyServer.start(Duration.ofMinutes(1), 10);
        int port = server.port();
        try (var idle = new Socket(InetAddress.getLoopbackAddress(), port);
             var waiting = new Socket(InetAddress.getLoopbackAddress(), port)) {
            waiting.getOutputStream()
                    .write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            await("the request in flight, sleeping out its minute").atMost(Duration.ofSeconds(30))
                    .until(() -> server.maxConcurrentRequests() > 0);
            server.close();
            assertEquals(-1, readOrEnd(waiting.getInputStream()), "the waiting request gets no answer");
            assertEquals(-1, readOrEnd(idle.getInputStream()));
        }
        try (var again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertEquals(port, again.getLocalPort());
        }
        assertTrue(server.toString().contains("closed"), server.toString());
        server.close(); // idempotent
    }

    @Test
    @Timeout(10)
    void closeLeavesNoThreadOfTheServerBehind() throws Exception {
        List<String> before = serverThreads();
        var server = LatencyServer.start(Duration.ofSeconds(30), 10);
        try (var waiting = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            waiting.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            await("the request in flight").atMost(Duration.ofSeconds(30))
                    .until(() -> server.maxConcurrentRequests() > 0);
            assertTrue(serverThreads().size() > before.size(), "the running server's threads: " + serverThreads());
            server.close();
        }
        assertEquals(before, serverThreads());
    }

    @Test
    @Timeout(10)
    void interruptingItsThreadsStopsTheServerInsteadOfSpinning() throws Exception {
        List<String> before = serverThreads();
        var server = LatencyServer.start(Duration.ZERO, 10);
        // What the kernel does to the threads of a cell it stops: interrupt them.
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("latency-server-") && !before.contains(t.getName()))
                .forEach(Thread::interrupt);
        // A loop that kept running with its interrupt set would never end its thread.
        await("the server's threads' end after the interrupt").atMost(Duration.ofSeconds(8))
                .until(() -> serverThreads().equals(before));
        assertRefused(server.port());
        server.close();
    }

    /** The live threads of latency servers (their event loops). */
    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("latency-server-")).sorted().toList();
    }

    @Test
    @Timeout(10)
    void aServerStartedAgainUnderItsNameReplacesTheEarlierOne() throws Exception {
        var first = LatencyServer.start("setup cell", Duration.ZERO, 10);
        var second = LatencyServer.start("setup cell", Duration.ZERO, 10);
        try (var other = LatencyServer.start("another notebook", Duration.ZERO, 10);
             var third = LatencyServer.start("setup cell", Duration.ZERO, 10)) {
            for (var closed : List.of(first, second)) {
                // the OS may hand a closed server's port to a new one
                if (closed.port() != other.port() && closed.port() != third.port()) {
                    assertRefused(closed.port());
                }
            }
            assertTrue(first.toString().contains("closed") && second.toString().contains("closed"), second.toString());
            assertEquals(200, get(third.uri("/image/1")).statusCode());
            assertEquals(200, get(other.uri("/image/1")).statusCode(), "a server of another name stays open");
            assertTrue(third.toString().startsWith("LatencyServer[\"setup cell\", http://127.0.0.1:"),
                    third.toString());
        }
        try (var fourth = LatencyServer.start("setup cell", Duration.ZERO, 10)) {
            assertEquals(200, get(fourth.uri("/image/1")).statusCode(), "a closed server's name is free again");
        }
    }

    private static void assertRefused(int port) {
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "something still listens on port " + port);
    }

    @Test
    @Timeout(10)
    void urisListImagesLikeATutorial() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 10)) {
            List<URI> uris = server.uris(3);
            assertEquals(List.of(server.uri("/image/1"), server.uri("/image/2"), server.uri("/image/3")), uris);
            assertEquals(List.of(), server.uris(0));
            assertEquals("/image/2", uris.get(1).getPath());
            assertEquals("delay=5", server.uri("/x?delay=5").getQuery());
        }
    }

    @Test
    @Timeout(10)
    void badArgumentsNameTheParameterAndValue() throws Exception {
        assertMessage("delay must not be null", assertThrows(NullPointerException.class,
                () -> LatencyServer.start(null, 10)));
        assertMessage("delay must be >= 0 but was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> LatencyServer.start(Duration.ofSeconds(-1), 10)));
        assertMessage("delay must be <= PT10M but was PT11M", assertThrows(IllegalArgumentException.class,
                () -> LatencyServer.start(Duration.ofMinutes(11), 10)));
        assertMessage("bodyBytes must be in [0, 67108864] but was -1", assertThrows(IllegalArgumentException.class,
                () -> LatencyServer.start(Duration.ZERO, -1)));
        assertMessage("bodyBytes must be in [0, 67108864] but was 2000000000",
                assertThrows(IllegalArgumentException.class, () -> LatencyServer.start(Duration.ZERO, 2_000_000_000)));
        assertMessage("name must not be null", assertThrows(NullPointerException.class,
                () -> LatencyServer.start(null, Duration.ZERO, 10)));
        assertMessage("name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> LatencyServer.start(" ", Duration.ZERO, 10)));
        assertMessage("delay must be >= 0 but was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> LatencyServer.start("bad", Duration.ofSeconds(-1), 10)));
        try (var server = LatencyServer.start(Duration.ZERO, 10)) {
            assertMessage("count must be >= 0 but was -1",
                    assertThrows(IllegalArgumentException.class, () -> server.uris(-1)));
            assertMessage("path must not be null", assertThrows(NullPointerException.class, () -> server.uri(null)));
            assertMessage("path must start with / but was image/1",
                    assertThrows(IllegalArgumentException.class, () -> server.uri("image/1")));
            assertMessage("percentile must be in (0, 100] but was 0.0",
                    assertThrows(IllegalArgumentException.class, () -> server.serverTime(0)));
            assertMessage("percentile must be in (0, 100] but was NaN",
                    assertThrows(IllegalArgumentException.class, () -> server.serverTime(Double.NaN)));
        }
    }

    private static void assertMessage(String expected, Throwable thrown) {
        assertEquals(expected, thrown.getMessage());
    }

    private static HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends raw bytes and reads everything until the server closes the connection. */
    private static String exchangeUntilClosed(int port, String request) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            var received = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(received);
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The next byte, or -1 at end of stream or if the peer reset the connection. */
    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    @Test
    @Timeout(10)
    void onlyLoopbackIsBound() throws Exception {
        try (var server = LatencyServer.start(Duration.ZERO, 10)) {
            assertFalse(server.uri().getHost().isEmpty());
            assertTrue(InetAddress.getByName(server.uri().getHost()).isLoopbackAddress());
        }
    }
}

package org.jcn.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jcn.internal.server.ByteCounter;

/**
 * Downloads for the notebooks' workloads: one GET, its body counted and dropped, so a cell that downloads a
 * thousand images stays one line per download and keeps no image in memory.
 *
 * <p>Pass the same {@link HttpClient} to every call. One client is thread safe and is meant to be shared: it
 * owns a pool of keep-alive connections, a selector thread and an executor. Shared, a second download to the same
 * server reuses an open connection; a client per download opens a new TCP connection each time and leaves its
 * threads and connections behind until it is closed or garbage collected. Create it once, close it (it is
 * {@link AutoCloseable}) when the notebook is done. Stateless and thread safe.
 *
 * {@snippet :
 * HttpClient client = HttpClient.newHttpClient();              // one, shared by every download
 * long bytes = Downloads.fetch(client, server.uri("/image/1"));
 * List<CompletableFuture<Long>> all = server.uris(100).stream()
 *         .map(uri -> Downloads.fetchAsync(client, uri))
 *         .toList();
 * }
 */
public final class Downloads {

    private Downloads() {
    }

    /**
     * Downloads {@code uri} with a GET and returns the size of its body, waiting for the whole body.
     *
     * @param client the shared client
     * @param uri    the address
     * @return the number of body bytes received
     * @throws NullPointerException if {@code client} or {@code uri} is null
     * @throws IOException          if the request fails (the message names the URI; a refused connection is a
     *                              {@link ConnectException}), or the response's status is not 200 (the message
     *                              names the URI, the status and the start of the response's text)
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static long fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(uri, "uri must not be null");
        HttpResponse<Result> response;
        try {
            response = client.send(request(uri), HANDLER);
        } catch (IOException e) {
            throw failed(uri, e);
        }
        return check(uri, response.body());
    }

    /**
     * Starts downloading {@code uri} with a GET; the future completes with the size of its body. Does not block.
     *
     * @param client the shared client
     * @param uri    the address
     * @return a future for the number of body bytes received, completed exceptionally with an
     *         {@link IOException} naming the URI if the request fails or the status is not 200
     * @throws NullPointerException if {@code client} or {@code uri} is null
     */
    public static CompletableFuture<Long> fetchAsync(HttpClient client, URI uri) {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(uri, "uri must not be null");
        return client.sendAsync(request(uri), HANDLER).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof IOException e ? failed(uri, e) : cause);
        }).thenCompose(response -> {
            try {
                return CompletableFuture.completedFuture(check(uri, response.body()));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** Status and body size of a 200, or status and text of anything else. */
    private record Result(int status, long bytes, String text) {
    }

    private static final BodyHandler<Result> HANDLER = info -> info.statusCode() == 200
            ? BodySubscribers.mapping(new ByteCounter(), bytes -> new Result(200, bytes, ""))
            : BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8),
                    text -> new Result(info.statusCode(), -1, text));

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).GET().build();
    }

    /**
     * The client's exception with the URI in its message: the JDK's says neither where it tried to connect nor
     * why (a refused connection is a {@code ConnectException} with no message at all).
     */
    private static IOException failed(URI uri, IOException e) {
        IOException named;
        if (e instanceof ConnectException) {
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            named = new ConnectException("GET " + uri + ": could not connect to " + uri.getHost() + ":" + port
                    + " (nothing listens there: was the server closed, or never started?)");
        } else {
            named = new IOException("GET " + uri + " failed: " + e);
        }
        named.initCause(e);
        return named;
    }

    private static long check(URI uri, Result result) throws IOException {
        if (result.status() != 200) {
            String text = result.text().lines().findFirst().orElse("");
            throw new IOException("GET " + uri + " answered " + result.status()
                    + (text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)));
        }
        return result.bytes();
    }
}

package org.jcn.internal.server;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Serves one accepted connection, request after request while the client keeps it alive. Meant to run on its own
 * virtual thread: the delay is a {@link Thread#sleep} that unmounts the virtual thread, so ten thousand delayed
 * requests hold no platform thread. Ends when the client closes, after a response that closes the connection, on
 * any I/O error, or when interrupted (the server closing).
 */
final class Connection implements Runnable {

    private final SocketChannel socket;
    private final ServerSettings settings;
    private final ServerStats stats;

    Connection(SocketChannel socket, ServerSettings settings, ServerStats stats) {
        this.socket = socket;
        this.settings = settings;
        this.stats = stats;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            RequestReader reader = new RequestReader(socket);
            boolean open = true;
            while (open) {
                RequestHead head;
                try {
                    head = reader.readHead();
                    if (head == null) {
                        return;
                    }
                    if (head.hasBody()) {
                        if (head.expectContinue() && !head.http10()) {
                            Responses.interim100(socket);
                        }
                        reader.discardBody(head);
                    }
                } catch (BadRequest e) {
                    // The stream can no longer be trusted to be at a request boundary: answer and close.
                    Responses.text(socket, e.status(), e.getMessage(), false, false, false);
                    stats.servedUnparsed();
                    return;
                }
                open = serve(head);
            }
        } catch (IOException e) {
            // The client went away, or the server closed the socket (interrupting a thread blocked on a channel
            // closes it: ClosedByInterruptException): nothing is left to answer, nobody to tell.
        } catch (InterruptedException e) {
            // The server is closing; the socket is closed by try-with-resources and the thread ends.
            Thread.currentThread().interrupt();
        }
    }

    /** Answers one parsed request; returns whether the connection stays open. */
    private boolean serve(RequestHead head) throws IOException, InterruptedException {
        long parsed = System.nanoTime();
        long written = -1;
        stats.begin();
        try {
            boolean isHead = head.method().equals("HEAD");
            Query query;
            try {
                query = Query.parse(head.query(), settings.maxDelay().toMillis(), settings.maxBodyBytes());
            } catch (BadRequest e) {
                Responses.text(socket, e.status(), e.getMessage(), head.keepAlive(), head.http10(), isHead);
                written = System.nanoTime() - parsed;
                return head.keepAlive();
            }
            Duration delay = query.delayMillis() < 0 ? settings.delay() : Duration.ofMillis(query.delayMillis());
            if (delay.isPositive()) {
                Thread.sleep(delay);
            }
            if (query.status() != 200) {
                String message = query.status() + " " + Responses.reason(query.status())
                        + ", as the query string asked";
                Responses.text(socket, query.status(), message, head.keepAlive(), head.http10(), isHead);
            } else {
                long bytes = query.bytes() < 0 ? settings.bodyBytes() : query.bytes();
                Responses.image(socket, bytes, head.keepAlive(), head.http10(), isHead);
            }
            written = System.nanoTime() - parsed;
            return head.keepAlive();
        } finally {
            stats.end(written);
        }
    }
}

package org.jcn.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

/**
 * The running part of a latency server: a listening socket on 127.0.0.1 and its event loops (one per core, at
 * most four), which accept, read, parse and answer every connection through non-blocking sockets, with the
 * delays as entries in timer queues. All owned here and stopped by {@link #close()}. Thread safe.
 *
 * <p>Why event loops rather than a virtual thread per connection (which this server used first, and which is
 * what the lessons teach for clients): a server that must answer ten thousand requests on time must not compete
 * with the client for the same small machine. Per request a loop costs a read, a parse and a write, where a
 * parked virtual thread also costs its stack on the heap (some 3 KB, copied by every young collection while it
 * waits) and a trip through the scheduler's queue when its sleep ends, behind requests still being read. A loop
 * answers due requests first; more than one loop, so that a burst of answers due at the same moment is written
 * on every core.
 */
public final class Listener implements AutoCloseable {

    // The kernel caps the backlog at net.core.somaxconn (4096 on many Linux machines); ask for more than that.
    private static final int BACKLOG = 16_384;
    private static final int MAX_LOOPS = 4;

    private final ServerSocketChannel channel;
    private final int port;
    private final EventLoop[] loops;

    private Listener(ServerSocketChannel channel, int port, EventLoop[] loops) {
        this.channel = channel;
        this.port = port;
        this.loops = loops;
    }

    /** Binds a free port on 127.0.0.1 and starts serving. */
    public static Listener start(ServerSettings settings, ServerStats stats) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        EventLoop[] loops = new EventLoop[Math.max(1, Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors()))];
        int port;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress("127.0.0.1", 0), BACKLOG); // an IP literal: no lookup, never IPv6
            port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            channel.configureBlocking(false);
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new EventLoop("latency-server-" + port + "-" + (i + 1), settings, stats);
            }
            loops[0].accept(channel, loops);
        } catch (IOException | RuntimeException e) {
            channel.close();
            for (EventLoop loop : loops) {
                if (loop != null) {
                    loop.closeUnstarted();
                }
            }
            throw e;
        }
        for (EventLoop loop : loops) {
            loop.start();
        }
        return new Listener(channel, port, loops);
    }

    public int port() {
        return port;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Stops accepting, ends every open connection (requests in flight get no answer), frees the port, and waits
     * up to five seconds for the loops to end. Idempotent.
     */
    @Override
    public void close() {
        try {
            for (EventLoop loop : loops) {
                loop.stop(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the loops end anyway; only the wait is cut short
        }
    }
}

package org.jcn.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The running part of a latency server: a listening socket on 127.0.0.1, a platform thread blocked in
 * {@code accept()}, and one virtual thread per accepted connection, all owned here and stopped by
 * {@link #close()}. Thread safe.
 */
public final class Listener implements AutoCloseable {

    // The kernel caps the backlog at net.core.somaxconn (4096 on many Linux machines); ask for more than that.
    private static final int BACKLOG = 16_384;

    private final ServerSocketChannel channel;
    private final int port;
    private final ServerSettings settings;
    private final ServerStats stats;
    private final ExecutorService connections;
    private final Thread acceptor;

    private Listener(ServerSocketChannel channel, int port, ServerSettings settings, ServerStats stats) {
        this.channel = channel;
        this.port = port;
        this.settings = settings;
        this.stats = stats;
        this.connections = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("latency-server-" + port + "-", 0).factory());
        this.acceptor = Thread.ofPlatform().daemon().name("latency-server-" + port + "-accept")
                .unstarted(this::acceptLoop);
    }

    /** Binds a free port on 127.0.0.1 and starts accepting. */
    public static Listener start(ServerSettings settings, ServerStats stats) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        int port;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress("127.0.0.1", 0), BACKLOG); // an IP literal: no lookup, never IPv6
            port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        var listener = new Listener(channel, port, settings, stats);
        listener.acceptor.start();
        return listener;
    }

    public int port() {
        return port;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Stops accepting, frees the port, interrupts every connection thread (which closes its socket, or wakes it
     * from its delay) and waits up to five seconds for them to end. Idempotent.
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a listening socket does not fail in a way the caller could act on.
        }
        connections.shutdownNow();
        try {
            acceptor.join(Duration.ofSeconds(5));
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the port is free already; only the wait is cut short
        }
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel socket = channel.accept();
                try {
                    connections.execute(new Connection(socket, settings, stats));
                } catch (RejectedExecutionException closing) {
                    socket.close();
                }
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                // Out of file descriptors, most likely: back off briefly instead of spinning, then go on.
                try {
                    Thread.sleep(10);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

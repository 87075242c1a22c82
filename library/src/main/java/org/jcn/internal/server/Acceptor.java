package org.jcn.internal.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Accepts new connections on the listening socket for all of a server's event loops, handing each to the loops in
 * turn. Owned by the first loop, and used only by its thread. When accepting fails (out of file descriptors, most
 * likely) it pauses for a moment instead of spinning, and the owning loop resumes it with its timers.
 */
final class Acceptor {

    private static final long PAUSE_NANOS = 10_000_000;

    private final ServerSocketChannel server;
    private final SelectionKey key;
    private final EventLoop owner;
    private final EventLoop[] loops;
    private int next;
    /** When a pause ends (never 0 while paused); 0 while accepting. */
    private long pausedUntil;

    /** Registers {@code server} with the {@code owner}'s selector, to accept for {@code loops} (owner among them). */
    Acceptor(ServerSocketChannel server, Selector selector, EventLoop owner, EventLoop[] loops) throws IOException {
        this.server = server;
        this.key = server.register(selector, SelectionKey.OP_ACCEPT);
        this.owner = owner;
        this.loops = loops;
    }

    /** Accepts every connection waiting now. */
    void acceptAll() {
        while (true) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                pausedUntil = System.nanoTime() + PAUSE_NANOS | 1;
                key.interestOps(0);
                return;
            }
            if (socket == null) {
                return;
            }
            EventLoop loop = loops[next];
            next = (next + 1) % loops.length;
            if (loop == owner) {
                owner.register(socket);
            } else {
                loop.add(socket);
            }
        }
    }

    /**
     * Accepts again if a pause has ended by {@code now}; returns the nanoseconds until a pause ends, or
     * {@link Long#MAX_VALUE} when not paused.
     */
    long resume(long now) {
        if (pausedUntil != 0 && now - pausedUntil >= 0) {
            pausedUntil = 0;
            key.interestOps(SelectionKey.OP_ACCEPT);
        }
        return pausedUntil == 0 ? Long.MAX_VALUE : pausedUntil - now;
    }

    /** Frees the port. */
    void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing a listening socket does not fail in a way the caller could act on.
        }
    }
}

package org.jcn.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;

/**
 * The running part of a latency server: a listening socket on 127.0.0.1 and one event-loop thread that accepts,
 * reads, parses and answers every connection through non-blocking sockets, with the delays as entries in a timer
 * queue. All owned here and stopped by {@link #close()}. Thread safe (everything but {@code close} runs on the
 * loop's thread).
 *
 * <p>Why an event loop rather than a virtual thread per connection (which this server used first, and which is
 * what the lessons teach for clients): a server that must answer ten thousand requests on time must not compete
 * with the client for the same small machine. Per request the loop costs a read, a parse and a write, where a
 * parked virtual thread also costs its stack on the heap (some 3 KB, copied by every young collection while it
 * waits) and a trip through the scheduler's queue when its sleep ends, behind requests still being read. Here
 * due responses go first: the loop checks the timer queue between every few reads, so a burst of new requests
 * can't hold back answers that are due.
 */
public final class Listener implements AutoCloseable {

    // The kernel caps the backlog at net.core.somaxconn (4096 on many Linux machines); ask for more than that.
    private static final int BACKLOG = 16_384;
    /** Ready connections handled between two looks at the timer queue. */
    private static final int KEYS_PER_TIMER_CHECK = 16;

    private final ServerSocketChannel channel;
    private final Selector selector;
    private final int port;
    private final ServerSettings settings;
    private final ServerStats stats;
    private final Thread thread;
    private final RequestReader reader = new RequestReader();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final PriorityQueue<Connection> timers = new PriorityQueue<>(Comparator.comparingLong(Connection::deadline));
    private volatile boolean closing;
    private long acceptPausedUntil;

    private Listener(ServerSocketChannel channel, Selector selector, int port, ServerSettings settings,
                     ServerStats stats) {
        this.channel = channel;
        this.selector = selector;
        this.port = port;
        this.settings = settings;
        this.stats = stats;
        this.thread = Thread.ofPlatform().daemon().name("latency-server-" + port).unstarted(this::run);
    }

    /** Binds a free port on 127.0.0.1 and starts serving. */
    public static Listener start(ServerSettings settings, ServerStats stats) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        Selector selector = null;
        int port;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress("127.0.0.1", 0), BACKLOG); // an IP literal: no lookup, never IPv6
            port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
        var listener = new Listener(channel, selector, port, settings, stats);
        listener.thread.start();
        return listener;
    }

    public int port() {
        return port;
    }

    public boolean isOpen() {
        return !closing && channel.isOpen();
    }

    /**
     * Stops accepting, ends every open connection (requests in flight get no answer), frees the port, and waits
     * up to five seconds for the loop to end. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the loop ends anyway; only the wait is cut short
        }
    }

    ServerSettings settings() {
        return settings;
    }

    ServerStats stats() {
        return stats;
    }

    RequestReader reader() {
        return reader;
    }

    /** Answers {@code connection} when its deadline comes. */
    void schedule(Connection connection) {
        timers.add(connection);
    }

    private void run() {
        try {
            while (!closing) {
                long wait = fireDueTimers();
                if (wait == 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait < 0 ? 0 : wait);
                }
                handleReadyKeys();
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector failed: nothing can be served any more; end as if closed
        } finally {
            shutDown();
        }
    }

    /** Answers every due request; returns milliseconds until the next deadline, or -1 if there is none. */
    private long fireDueTimers() {
        long now = System.nanoTime();
        if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
            acceptPausedUntil = 0;
            channel.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
        }
        Connection next;
        while ((next = timers.peek()) != null && next.deadline() - now <= 0) {
            timers.poll().due();
        }
        long until = next == null ? Long.MAX_VALUE : next.deadline() - now;
        if (acceptPausedUntil != 0) {
            until = Math.min(until, acceptPausedUntil - now);
        }
        // Rounded up, so the loop never wakes just before a deadline and has to sleep again.
        return until == Long.MAX_VALUE ? -1 : Math.max(0, (until + 999_999) / 1_000_000);
    }

    private void handleReadyKeys() {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        int handled = 0;
        while (ready.hasNext() && !closing) {
            SelectionKey key = ready.next();
            ready.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.isAcceptable()) {
                accept();
            } else {
                Connection connection = (Connection) key.attachment();
                if (key.isWritable()) {
                    connection.writable();
                }
                if (key.isValid() && key.isReadable()) {
                    read(connection, (SocketChannel) key.channel());
                }
            }
            if (++handled % KEYS_PER_TIMER_CHECK == 0) {
                fireDueTimers(); // answers that are due go before the rest of a burst of new requests
            }
        }
    }

    private void accept() {
        while (true) {
            SocketChannel socket;
            try {
                socket = channel.accept();
            } catch (IOException e) {
                // Out of file descriptors, most likely: stop accepting for a moment instead of spinning.
                acceptPausedUntil = System.nanoTime() + 10_000_000 | 1;
                channel.keyFor(selector).interestOps(0);
                return;
            }
            if (socket == null) {
                return;
            }
            try {
                socket.configureBlocking(false);
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = socket.register(selector, SelectionKey.OP_READ);
                key.attach(new Connection(socket, key, this));
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was never served
                }
            }
        }
    }

    private void read(Connection connection, SocketChannel socket) {
        int n;
        try {
            readBuffer.clear();
            n = socket.read(readBuffer);
        } catch (IOException e) {
            connection.close(); // reset by the client
            return;
        }
        if (n < 0) {
            connection.endOfStream();
        } else if (n > 0) {
            connection.received(readBuffer.array(), n);
        }
    }

    /** On the loop's thread, at its end: every connection closed, the port freed. */
    private void shutDown() {
        try {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Connection connection) {
                    connection.close();
                }
            }
        } catch (ClosedSelectorException e) {
            // already closed
        }
        timers.clear();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a listening socket does not fail in a way the caller could act on.
        }
        try {
            selector.close(); // deregisters the channels, which lets their sockets close now
        } catch (IOException e) {
            // nothing left to do
        }
    }
}

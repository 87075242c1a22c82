package org.jcn.internal.server;

import java.io.IOException;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One event-loop thread of a latency server: it reads, parses and answers its share of the connections through
 * non-blocking sockets, with their delays as entries in its timer queue, and checks that queue between every few
 * reads so that a burst of new requests can't hold back answers that are due. The first loop of a server also
 * accepts, through its {@link Acceptor}. Everything but {@link #add} and {@link #stop} runs on the loop's own
 * thread.
 *
 * <p>Why this hand-written server stays: the JDK's {@code com.sun.net.httpserver} was measured beside it in one
 * run and did not hold the download targets (BENCHMARKS.md, local latency server). Longer than ~200 lines: the
 * selector loop, its timer queue, and registering and closing its connections share the loop's thread and state.
 */
final class EventLoop {

    /** Ready connections handled between two looks at the timer queue. */
    private static final int KEYS_PER_TIMER_CHECK = 16;

    private final Selector selector;
    private final ServerSettings settings;
    private final ServerStats stats;
    private final Thread thread;
    private final RequestReader reader = new RequestReader();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final PriorityQueue<Connection> timers = new PriorityQueue<>(Comparator.comparingLong(Connection::deadline));
    private final Queue<SocketChannel> added = new ConcurrentLinkedQueue<>();
    /** Set on the accepting loop only. */
    private Acceptor acceptor;
    private volatile boolean closing;

    EventLoop(String name, ServerSettings settings, ServerStats stats) throws IOException {
        this.selector = Selector.open();
        this.settings = settings;
        this.stats = stats;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    /** Makes this loop the one that accepts on {@code server}, for all {@code loops} (itself among them). */
    void accept(ServerSocketChannel server, EventLoop[] loops) throws IOException {
        acceptor = new Acceptor(server, selector, this, loops);
    }

    void start() {
        thread.start();
    }

    /** Frees the selector of a loop that will never start (the server failed to start). */
    void closeUnstarted() throws IOException {
        selector.close();
    }

    /** From any thread: serve this accepted connection. */
    void add(SocketChannel socket) {
        added.add(socket);
        selector.wakeup();
    }

    /** From any thread: ends the loop and every connection on it, then waits up to {@code timeout}. */
    void stop(Duration timeout) throws InterruptedException {
        closing = true;
        selector.wakeup();
        thread.join(timeout);
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
                registerAdded();
                long wait = fireDueTimers();
                if (wait == 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait < 0 ? 0 : wait);
                }
                handleReadyKeys();
                if (Thread.currentThread().isInterrupted()) {
                    // Interrupted (the kernel stopping what a cell started): the server stops, as on close().
                    // Carrying on would spin, since a selector returns at once while its thread is interrupted.
                    break;
                }
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
        long until = acceptor == null ? Long.MAX_VALUE : acceptor.resume(now);
        Connection next;
        while ((next = timers.peek()) != null && next.deadline() - now <= 0) {
            timers.poll().due();
        }
        if (next != null) {
            until = Math.min(until, next.deadline() - now);
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
                acceptor.acceptAll();
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

    private void registerAdded() {
        SocketChannel socket;
        while ((socket = added.poll()) != null) {
            register(socket);
        }
    }

    /** On the loop's thread: serve this accepted connection. */
    void register(SocketChannel socket) {
        try {
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = socket.register(selector, SelectionKey.OP_READ);
            key.attach(new Connection(socket, key, this));
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // it was never served
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

    /** On the loop's thread, at its end: every connection closed, and the port freed by the accepting loop. */
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
        SocketChannel socket;
        while ((socket = added.poll()) != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // never served
            }
        }
        if (acceptor != null) {
            acceptor.close();
        }
        try {
            selector.close(); // deregisters the channels, which lets their sockets close now
        } catch (IOException e) {
            // nothing left to do
        }
    }
}

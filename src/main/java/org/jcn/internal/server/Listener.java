package org.jcn.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * The running part of a latency server: the JDK's own HTTP server ({@code com.sun.net.httpserver}) on 127.0.0.1,
 * a timer thread that holds the delayed answers, and virtual threads that read requests and write answers. All
 * owned here and stopped by {@link #close()}. Thread safe.
 *
 * <p>The JDK's server reads each request on a thread of the executor it is given, by default its one dispatcher
 * thread. That default is kept: handing every request to another thread (a virtual thread per request was
 * tried) cost the server so much CPU on a 2-core machine that 1,000 concurrent downloads took twice as long.
 * The price: a client that sends its request slowly holds up the others meanwhile, which the clients of a local
 * lesson server (the JDK's {@code HttpClient}) never do. The handler never waits: a delay is an entry in the
 * timer's queue, not a sleeping thread, and bodies are read on virtual threads. The listen backlog defaults to
 * the OS's small default (50 on Linux), which a burst of thousands of connections overflows, so it is set here.
 */
public final class Listener implements AutoCloseable {

    // The kernel caps the backlog at net.core.somaxconn (4096 on many Linux machines); ask for more than that.
    private static final int BACKLOG = 16_384;

    /**
     * The JDK's server closes a connection that goes idle while 200 others are idle (its default). A client that
     * just downloaded 1,000 images at once keeps those connections for its next round and loses requests sent on
     * one the server is closing ("header parser received no bytes"), so the cap is raised, before the JDK's server
     * class reads it, unless the JVM was started with a value of its own. It applies to every JDK HTTP server of
     * this JVM.
     */
    private static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

    static {
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "1000000");
        }
    }

    private final HttpServer server;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService threads;
    private volatile boolean open = true;

    private Listener(HttpServer server, ScheduledThreadPoolExecutor timer, ExecutorService threads) {
        this.server = server;
        this.timer = timer;
        this.threads = threads;
    }

    /** Binds a free port on 127.0.0.1 and starts serving. */
    public static Listener start(ServerSettings settings, ServerStats stats) throws IOException {
        // an IP literal: no lookup, never IPv6
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
        int port = server.getAddress().getPort();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("latency-server-" + port + "-timer").factory());
        ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());
        server.createContext("/", new DelayedResponder(settings, stats, timer, threads));
        startOnDaemonThread(server);
        return new Listener(server, timer, threads);
    }

    /**
     * Starts the server's dispatcher thread from a daemon thread, so that it is a daemon too (a thread inherits
     * that from the thread that creates it): a notebook cell that starts a server is not kept waiting for it.
     */
    private static void startOnDaemonThread(HttpServer server) {
        Thread starter = Thread.ofPlatform().daemon().name("latency-server-start").unstarted(server::start);
        starter.start();
        boolean interrupted = false;
        while (true) {
            try {
                starter.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public boolean isOpen() {
        return open;
    }

    /** Stops accepting, closes every connection (answers still due are dropped), and ends every thread. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        server.stop(0);
        timer.shutdownNow();
        threads.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.jcn.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A request channel (shell or control): a ROUTER socket owned by one thread that waits for requests, hands each
 * to a handler, and sends the replies that other threads queue for it.
 *
 * <p>Why not the protocol library's own shell channel: it polls every 50 ms (adding up to 50 ms to every
 * request) and lets any thread send on the socket while its loop polls it; ZeroMQ sockets are not thread safe.
 * Here only the channel's thread touches the socket, and a pipe wakes it when a reply is queued.
 */
final class Channel extends JupyterSocket {

    private static final long POLL_MILLIS = 1_000;

    private final String name;
    private final ToIntFunction<KernelConnectionProperties> port;
    private final Queue<Message<?>> outbox = new ConcurrentLinkedQueue<>();
    private final Pipe wakeUp;
    private final DropLog drops = new DropLog(Duration.ofSeconds(1), System::nanoTime);
    private volatile Thread loop;
    private volatile boolean open = true;

    Channel(ZMQ.Context context, HMACGenerator hmac, String name, ToIntFunction<KernelConnectionProperties> port) {
        super(context, SocketType.ROUTER, hmac, LoggerFactory.getLogger(name));
        this.name = name;
        this.port = port;
        try {
            wakeUp = Pipe.open();
            wakeUp.source().configureBlocking(false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the " + name + " channel's wake-up pipe", e);
        }
    }

    @Override
    public void bind(KernelConnectionProperties connection) {
        bind(formatAddress(connection.getTransport(), connection.getIp(), port.applyAsInt(connection)));
    }

    /** "shell" or "control". */
    String name() {
        return name;
    }

    /** Starts the channel's thread; it hands every request to {@code handler} on that thread. */
    void listen(BiConsumer<Channel, Message<?>> handler) {
        Thread thread = Thread.ofPlatform().name("jcn-" + name).daemon().unstarted(() -> run(handler));
        loop = thread;
        thread.start();
    }

    private void run(BiConsumer<Channel, Message<?>> handler) {
        ZMQ.Poller poller = ctx.poller(2);
        int socketIndex = poller.register(this, ZMQ.Poller.POLLIN);
        int pipeIndex = poller.register(wakeUp.source(), ZMQ.Poller.POLLIN);
        ByteBuffer drain = ByteBuffer.allocate(64);
        try {
            while (open) {
                try {
                    serveOnce(poller, socketIndex, pipeIndex, drain, handler);
                } catch (OutOfMemoryError e) {
                    // A cell filled the heap; the kernel stops it (MemoryWatch) and the channel keeps serving.
                    Log.error("the " + name + " channel ran out of memory", e);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (open) {
                Log.error("the " + name + " channel stopped", e);
            }
        } finally {
            poller.close();
        }
    }

    private void serveOnce(ZMQ.Poller poller, int socketIndex, int pipeIndex, ByteBuffer drain,
            BiConsumer<Channel, Message<?>> handler) throws IOException {
        poller.poll(POLL_MILLIS);
        if (poller.pollin(pipeIndex)) {
            while (wakeUp.source().read(drain.clear()) > 0) {
                // only a signal
            }
        }
        sendQueued();
        if (open && poller.pollin(socketIndex)) {
            Message<?> message = Frames.read(this, hmacGenerator, name, drops);
            if (message != null) {
                try {
                    handler.accept(this, message);
                } catch (RuntimeException e) {
                    Log.error("the " + name + " channel could not handle "
                            + message.getHeader().getType().getName(), e);
                }
            }
            sendQueued();
        }
    }

    /** Sends at once on the channel's own thread; from any other thread, queues the message for it. */
    @Override
    public void sendMessage(Message<?> message) {
        if (Thread.currentThread() == loop) {
            super.sendMessage(message);
            return;
        }
        outbox.add(message);
        try {
            wakeUp.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException e) {
            Log.error("cannot wake the " + name + " channel", e);
        }
    }

    private void sendQueued() {
        Message<?> message;
        while ((message = outbox.poll()) != null) {
            super.sendMessage(message);
        }
    }

    @Override
    public void close() {
        open = false;
        Thread thread = loop;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                wakeUp.sink().write(ByteBuffer.wrap(new byte[] {1}));
                thread.join(2_000);
            } catch (IOException e) {
                // the loop ends at its next poll anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }
}

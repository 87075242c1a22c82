package org.jcn.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishStream.StreamType;

/**
 * The kernel's {@code System.out} and {@code System.err}, and everything it publishes on IOPub for a cell.
 *
 * <p>Every write goes to the buffer of the cell the writing thread works for (see {@link Cells#owner()}), so
 * threads of different cells never mix. Buffers are sent as {@code stream} messages at most 20 ms after the
 * first write, when they grow large, and before anything else is published for their cell, so output keeps its
 * order with displays, results and the reply. Output of no cell (before the first) goes to the kernel's log.
 *
 * <p>A cell's output is capped at {@link #LIMIT_BYTES} (8 MiB, standard output and error together): what it writes
 * beyond that is counted, not sent, and one line at the cell's end says how much was cut. A front end slows
 * down with every megabyte a notebook holds, and Jupyter's own servers limit output in the same spirit.
 */
final class Output {

    private static final long BATCH_MILLIS = 20;
    private static final int FLUSH_AT_BYTES = 32 * 1024;
    /** The most a cell's output may hold; the rest is cut (and counted). */
    static final long LIMIT_BYTES = 8L << 20;

    private final JupyterSocket iopub;
    private final LinkedBlockingQueue<Streams> dirty = new LinkedBlockingQueue<>();
    final CellPrintStream stdout = new CellPrintStream(new Router(StreamType.OUT));
    final CellPrintStream stderr = new CellPrintStream(new Router(StreamType.ERR));

    Output(JupyterSocket iopub) {
        this.iopub = iopub;
        Thread.ofPlatform().name("jcn-output").daemon().start(this::flushLoop);
    }

    /** A stream that writes to whatever {@code System.out} is at the time of each write. */
    static PrintStream currentStdout() {
        return following(() -> System.out);
    }

    /** A stream that writes to whatever {@code System.err} is at the time of each write. */
    static PrintStream currentStderr() {
        return following(() -> System.err);
    }

    private static PrintStream following(java.util.function.Supplier<PrintStream> target) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                target.get().write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                target.get().write(bytes, offset, length);
            }

            @Override
            public void flush() {
                target.get().flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    Streams streamsOf(Cell cell) {
        return new Streams(cell);
    }

    /** Publishes {@code content} for {@code cell}, after the output the cell has buffered so far. */
    <T extends ContentType<T>> void publish(Cell cell, T content) {
        cell.streams.flush();
        iopub.sendMessage(new Message<>(cell.request, content.getType(), content));
    }

    private void flushLoop() {
        while (true) {
            try {
                Streams first = dirty.take();
                Thread.sleep(BATCH_MILLIS);
                first.flush();
                Streams next;
                while ((next = dirty.poll()) != null) {
                    next.flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.error("output could not be sent", e);
            }
        }
    }

    /** The standard output and error buffers of one cell. Thread safe. */
    final class Streams {
        private final Cell cell;
        private final Buffer out = new Buffer(StreamType.OUT);
        private final Buffer err = new Buffer(StreamType.ERR);
        private boolean queued; // guarded by this
        private final java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong cut = new java.util.concurrent.atomic.AtomicLong();

        private Streams(Cell cell) {
            this.cell = cell;
        }

        void write(StreamType type, byte[] bytes, int offset, int length) {
            long room = LIMIT_BYTES - kept.getAndAdd(length);
            if (room < length) {
                int allowed = (int) Math.max(0, room);
                cut.addAndGet(length - allowed);
                kept.addAndGet(allowed - length);
                if (allowed == 0) {
                    return;
                }
                length = allowed;
            }
            Buffer buffer = type == StreamType.OUT ? out : err;
            boolean large;
            synchronized (buffer) {
                buffer.write(bytes, offset, length);
                large = buffer.size() >= FLUSH_AT_BYTES;
            }
            if (large) {
                flush();
                return;
            }
            synchronized (this) {
                if (queued) {
                    return;
                }
                queued = true;
            }
            dirty.add(this);
        }

        /**
         * Sends what is buffered and, if output was cut since the last call, one line on standard error saying
         * how much (called as the cell ends).
         */
        void flushAndReportCut() {
            flush();
            long dropped = cut.getAndSet(0);
            if (dropped > 0) {
                iopub.sendMessage(new Message<>(cell.request, PublishStream.MESSAGE_TYPE, new PublishStream(
                        StreamType.ERR, String.format("%n[output cut: %,d more bytes not shown; a cell shows at most"
                                + " %d MiB of output]%n", dropped, LIMIT_BYTES >> 20))));
            }
        }

        /** Sends what is buffered, standard output first. */
        synchronized void flush() {
            queued = false;
            send(out);
            send(err);
        }

        private void send(Buffer buffer) {
            String text;
            synchronized (buffer) {
                text = buffer.takeText();
            }
            if (!text.isEmpty()) {
                iopub.sendMessage(new Message<>(cell.request, PublishStream.MESSAGE_TYPE,
                        new PublishStream(buffer.type, text)));
            }
        }
    }

    /** Bytes of one stream; a UTF-8 sequence cut by a write boundary waits for its remaining bytes. */
    private static final class Buffer extends ByteArrayOutputStream {
        final StreamType type;

        Buffer(StreamType type) {
            this.type = type;
        }

        String takeText() {
            int complete = completeUtf8Length(buf, count);
            String text = new String(buf, 0, complete, StandardCharsets.UTF_8);
            byte[] rest = Arrays.copyOfRange(buf, complete, count);
            reset();
            write(rest, 0, rest.length);
            return text;
        }
    }

    /** The length of the longest prefix of {@code bytes[0, length)} that ends on a UTF-8 character boundary. */
    static int completeUtf8Length(byte[] bytes, int length) {
        for (int back = 1; back <= 3 && back <= length; back++) {
            int b = bytes[length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? length - back : length;
        }
        return length;
    }

    /** The stream behind {@code System.out} or {@code System.err}: routes each write by the writing thread. */
    private final class Router extends OutputStream {
        private final StreamType type;

        Router(StreamType type) {
            this.type = type;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            Cell cell = Cells.owner();
            if (cell == null) {
                Log.info("(" + type.name().toLowerCase() + " before any cell) "
                        + new String(bytes, offset, length, StandardCharsets.UTF_8).stripTrailing());
                return;
            }
            cell.streams.write(type, bytes, offset, length);
        }
    }
}

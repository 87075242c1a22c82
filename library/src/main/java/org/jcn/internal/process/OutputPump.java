package org.jcn.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Copies a child's stdout or stderr into the parent as it is written, to whatever {@code System.out} or
 * {@code System.err} is current at the time of writing (the kernel swaps them for every cell). Strips the
 * child's marker lines and counts them, so a caller can wait until a task's output has all been copied. Keeps
 * the last lines for error messages.
 */
final class OutputPump implements Runnable {

    private static final int TAIL_LINES = 40;

    private final InputStream source;
    private final Supplier<PrintStream> target;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private int markersSeen;
    private boolean ended;

    OutputPump(InputStream source, Supplier<PrintStream> target) {
        this.source = source;
        this.target = target;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (source) {
            int n;
            while ((n = source.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    line.write(buffer[i]);
                    if (buffer[i] == '\n') {
                        endOfLine();
                    }
                }
                if (line.size() > 0 && source.available() == 0) {
                    flushPartialLine();
                }
            }
        } catch (IOException e) {
            // the child is gone; what it wrote so far has been copied
        } finally {
            if (line.size() > 0) {
                emit(line.toString(StandardCharsets.UTF_8), false);
                line.reset();
            }
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private void endOfLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        int mark = text.indexOf(Frames.MARK_PREFIX);
        if (mark < 0) {
            emit(text, true);
            return;
        }
        if (mark > 0) {
            emit(text.substring(0, mark), false); // a partial line printed just before the marker
        }
        synchronized (this) {
            markersSeen = Integer.parseInt(text.substring(mark + Frames.MARK_PREFIX.length()).trim());
            notifyAll();
        }
    }

    /** Writes a line that has no end yet (a prompt, a progress dot), unless it may be the start of a marker. */
    private void flushPartialLine() {
        byte[] bytes = line.toByteArray();
        for (byte b : bytes) {
            if (b == Frames.MARK) {
                return;
            }
        }
        int end = completeUtf8Length(bytes);
        emit(new String(bytes, 0, end, StandardCharsets.UTF_8), false);
        line.reset();
        line.write(bytes, end, bytes.length - end);
    }

    /** The length of the longest prefix that does not end inside a multi-byte UTF-8 character. */
    static int completeUtf8Length(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                return bytes.length;
            }
            if (b >= 0xC0) {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return bytes.length - i >= needed ? bytes.length : i;
            }
        }
        return bytes.length;
    }

    private void emit(String text, boolean wholeLine) {
        if (text.isEmpty()) {
            return;
        }
        PrintStream out = target.get();
        out.print(text);
        out.flush();
        synchronized (tail) {
            String stripped = wholeLine ? text.stripTrailing() : text;
            tail.addLast(stripped);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** Waits until the child's marker number {@code seq} has come through, or the stream has ended. */
    synchronized void awaitMarker(int seq) throws InterruptedException {
        while (markersSeen < seq && !ended) {
            wait();
        }
    }

    /** Waits up to {@code millis} for the end of the stream. */
    synchronized boolean awaitEnd(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        while (!ended) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The last lines written, joined with newlines. */
    String tail() {
        synchronized (tail) {
            return String.join("\n", tail).strip();
        }
    }
}

package org.jcn.kernel;

import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * One execute request and everything it started.
 *
 * <p>Platform threads that the cell's code starts (directly, through an executor it creates, or transitively) land
 * in the cell's thread group; every thread it starts, virtual ones too, inherits the cell as its
 * {@linkplain Cells#owner() owner}, which routes their output here. Thread safe.
 */
final class Cell {

    static final ThreadGroup CELLS = new ThreadGroup("jcn-cells");

    final int count;
    final Message<ExecuteRequest> request;
    final ThreadGroup group;
    /** When the cell began: processes started since are the cell's (see {@link CellProcesses}). */
    final java.time.Instant began = java.time.Instant.now().minusMillis(20);
    /** Threads with this id or higher were created after the cell began. */
    final long firstThreadId;
    final Output.Streams streams;
    private volatile boolean interrupted;
    private volatile java.util.List<String> stopped = java.util.List.of();
    private volatile boolean ended;
    private volatile String heapFull;

    Cell(int count, Message<ExecuteRequest> request, Output output) {
        this.count = count;
        this.request = request;
        this.group = new ThreadGroup(CELLS, "cell-" + count);
        this.firstThreadId = Thread.ofPlatform().unstarted(() -> { }).threadId();
        this.streams = output.streamsOf(this);
    }

    boolean stdinAllowed() {
        return request.getContent().isStdinEnabled();
    }

    boolean interrupted() {
        return interrupted;
    }

    void markInterrupted() {
        interrupted = true;
    }

    /** What an interrupt stopped, for the error it reports. */
    java.util.List<String> stopped() {
        return stopped;
    }

    void stopped(java.util.List<String> what) {
        stopped = java.util.List.copyOf(what);
    }

    /** Why the kernel stopped the cell because the heap was full, or null when it did not. */
    String heapFull() {
        return heapFull;
    }

    void heapFull(String why) {
        heapFull = why;
    }

    /** Whether the cell's reply has been sent; output after that still belongs to it. */
    boolean ended() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }

    @Override
    public String toString() {
        return "cell [" + count + "]";
    }
}

package org.jcn.internal.cell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jcn.internal.cell.CellWork.Handle;

/**
 * The work tracked during one cell. Thread safe.
 */
final class CellScope {

    private static final int MIN_SWEEP = 64;
    private static final long POLL_MILLIS = 5;

    // Guarded by this. Finished handles are swept out whenever the list has doubled, so a cell that starts
    // millions of short tasks keeps only the running ones.
    private final List<Handle> work = new ArrayList<>();
    private int sweepAt = MIN_SWEEP;

    synchronized void add(Handle handle) {
        work.add(handle);
        if (work.size() >= sweepAt) {
            work.removeIf(Handle::isDone);
            sweepAt = Math.max(MIN_SWEEP, 2 * work.size());
        }
    }

    synchronized List<Handle> unfinished() {
        work.removeIf(Handle::isDone);
        return List.copyOf(work);
    }

    /** Waits until every handle, including ones added while waiting, is done. */
    void await() throws InterruptedException {
        while (!unfinished().isEmpty()) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Cancels every unfinished handle, then waits at most {@code grace} for them to end. Returns the
     * descriptions of those still running. Keeps the caller's interrupt status.
     */
    List<String> cancel(Duration grace) {
        List<Handle> pending = unfinished();
        for (Handle handle : pending) {
            try {
                handle.cancel();
            } catch (RuntimeException e) {
                // One faulty handle must not keep the others running; it is reported as still running.
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        while (!unfinished().isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return unfinished().stream().map(Handle::description).toList();
    }

    /** A short phrase such as {@code thread "a", task "b" and 3 more}. */
    static String describe(List<Handle> handles) {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(3, handles.size());
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(handles.get(i).description());
        }
        if (handles.size() > shown) {
            text.append(" and ").append(handles.size() - shown).append(" more");
        }
        return text.toString();
    }
}

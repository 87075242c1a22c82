package org.jcn.internal.cell;

import java.util.Objects;

/**
 * The registry of everything the library starts on behalf of a notebook cell: threads, async tasks, child JVMs.
 *
 * <p>Every helper that starts work calls {@link #track(Handle)} with a handle for it. The registry is what makes
 * "nothing left running" and "output in the right cell" possible: it knows which cell started what, waits for or
 * warns about work still running when that cell ends, cancels it when the cell is interrupted, and stops every
 * child JVM when the kernel exits. Thread safe.
 */
public final class CellWork {

    /** One unit of tracked work, as the registry sees it. */
    public interface Handle {
        /** Whether the work has finished (normally, exceptionally or by cancellation). */
        boolean isDone();

        /** Stops the work: interrupts a thread, cancels a task, destroys a child JVM. Must not block for long. */
        void cancel();

        /** A short description for messages, such as {@code thread "worker-1"} or {@code child JVM pid 1234}. */
        String description();
    }

    private CellWork() {
    }

    /**
     * Starts tracking a piece of work started from the calling thread's cell.
     *
     * @param handle the work
     * @throws NullPointerException if {@code handle} is null
     */
    public static void track(Handle handle) {
        Objects.requireNonNull(handle, "handle must not be null");
        // Filled in by the cell-scope implementation (issue 3).
    }
}

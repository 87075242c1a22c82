package org.jcn.internal.cell;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The registry of everything the library starts on behalf of a notebook cell: threads, async tasks, child JVMs.
 *
 * <p>Every helper that starts work calls {@link #track(Handle)} with a handle for it. The registry is what makes
 * "nothing left running" and "output in the right cell" possible: it knows which cell started what, waits for
 * work still running when that cell ends, and cancels it when the cell is interrupted. Thread safe.
 *
 * <p><b>In the rapaio Java kernel</b> (the JVM's main class is {@code org.rapaio.jupyter.kernel.MainApp}), the
 * first piece of work tracked during a cell schedules an end-of-cell action with the kernel. It runs after the
 * cell's code has finished but while {@code System.out} still writes into that cell: if tracked work is still
 * running it prints one line saying what the cell waits for, then waits for it, so everything that work prints
 * lands in its own cell. An interrupt of the kernel (the stop button) cancels the work instead: threads are
 * interrupted, tasks cancelled, child JVMs destroyed, and nothing of that cell is left running.
 *
 * <p>What an interrupt does in rapaio-jupyter-kernel 3.0.1, whatever this registry does: the kernel shuts down
 * its evaluator, so later cells are acknowledged but no longer run until the kernel is restarted; and what is
 * printed after the interrupt goes out as output of the interrupt request, which front ends do not show in the
 * cell. So after an interrupt a notebook must restart the kernel.
 *
 * <p><b>Anywhere else</b> (a plain JVM, a test, another kernel) there is no end-of-cell hook: work runs on its
 * own, and a notebook on another kernel calls {@link #awaitAll()} at the end of a cell whose work prints.
 *
 * {@snippet :
 * Thread t = Thread.ofVirtual().start(() -> System.out.println("hello"));
 * CellWork.track(CellWork.handleOf(t));
 * CellWork.awaitAll();   // returns once t has ended
 * }
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

    // Guards `current`. A scope collects the work of one cell; in the kernel the end-of-cell action closes it.
    private static final Object LOCK = new Object();
    private static CellScope current;

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
        synchronized (LOCK) {
            if (current == null) {
                current = new CellScope();
                if (KernelHook.available()) {
                    KernelHook.atEndOfCell(current);
                }
            }
            current.add(handle);
        }
    }

    /**
     * Returns a handle for a thread that has been started: done once the thread has terminated, cancelled by
     * interrupting it.
     *
     * @param thread a started thread
     * @return a handle describing the thread as {@code thread "name"}
     * @throws NullPointerException if {@code thread} is null
     * @throws IllegalArgumentException if {@code thread} has not been started
     */
    public static Handle handleOf(Thread thread) {
        Objects.requireNonNull(thread, "thread must not be null");
        if (thread.getState() == Thread.State.NEW) {
            throw new IllegalArgumentException("thread must be started but was new: \"" + thread.getName() + "\"");
        }
        return new ThreadHandle(thread);
    }

    /**
     * Waits until all tracked work of the current cell has finished. If the waiting thread is interrupted, the
     * work is cancelled first and the interrupt is then propagated.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static void awaitAll() throws InterruptedException {
        CellScope scope = scope();
        if (scope == null) {
            return;
        }
        try {
            scope.await();
        } catch (InterruptedException e) {
            scope.cancel(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Cancels all tracked work of the current cell that is still running and waits a little (at most
     * {@code grace}) for it to end.
     *
     * @param grace how long to wait for the cancelled work to end
     * @return the descriptions of the work still running after {@code grace}, empty when all has ended
     * @throws NullPointerException if {@code grace} is null
     */
    public static List<String> cancelAll(Duration grace) {
        Objects.requireNonNull(grace, "grace must not be null");
        CellScope scope = scope();
        return scope == null ? List.of() : scope.cancel(grace);
    }

    /**
     * Returns the descriptions of the tracked work of the current cell that is still running.
     *
     * @return an immutable list, empty when nothing tracked is running
     */
    public static List<String> running() {
        CellScope scope = scope();
        return scope == null ? List.of() : scope.unfinished().stream().map(Handle::description).toList();
    }

    private static CellScope scope() {
        synchronized (LOCK) {
            return current;
        }
    }

    // Called by the end-of-cell action: forgets the scope once all its work is done; returns false if work was
    // tracked into it meanwhile, so that the caller waits again.
    static boolean close(CellScope scope) {
        synchronized (LOCK) {
            if (current != scope) {
                return true;
            }
            if (!scope.unfinished().isEmpty()) {
                return false;
            }
            current = null;
            return true;
        }
    }

    // Called after an interrupt: forgets the scope even if some of its work ignored the cancellation.
    static void forget(CellScope scope) {
        synchronized (LOCK) {
            if (current == scope) {
                current = null;
            }
        }
    }

    private record ThreadHandle(Thread thread) implements Handle {
        @Override
        public boolean isDone() {
            return thread.getState() == Thread.State.TERMINATED;
        }

        @Override
        public void cancel() {
            thread.interrupt();
        }

        @Override
        public String description() {
            return "thread \"" + thread.getName() + "\"";
        }
    }
}

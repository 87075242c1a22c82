package org.jcn.internal.cell;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jcn.internal.Kernels;

/**
 * The registry of everything the library starts on behalf of a notebook cell: threads, async tasks, child JVMs.
 *
 * <p>Every helper that starts work calls {@link #track(Handle)} with a handle for it. The registry is what makes
 * "nothing left running" and "output in the right cell" possible: it knows which cell started what, so that the
 * kernel can wait for that work at the end of the cell and cancel it when the cell is interrupted. Thread safe.
 *
 * <p><b>In the project's kernel</b> ({@code org.jcn.kernel}), work is kept per cell: the registry asks the kernel
 * (found by {@link Kernels#cellOfCallingThread()}) which cell the calling thread works for, and the kernel asks
 * for a cell's {@linkplain #unfinished(Object) unfinished} work, {@linkplain #cancel(Object, Duration) cancels} it on an
 * interrupt and {@linkplain #forget(Object) forgets} the cell once it has ended.
 *
 * <p><b>Anywhere else</b> (a plain JVM, a test, another kernel) all work belongs to one default owner: work runs
 * on its own, and a notebook on another kernel calls {@link #awaitAll()} at the end of a cell whose work prints.
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

    private static final CellRegistry CELLS = new CellRegistry(Kernels::cellOfCallingThread);

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
        CELLS.track(handle);
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
        CELLS.awaitAll();
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
        return CELLS.cancelAll(grace);
    }

    /**
     * Returns the descriptions of the tracked work of the current cell that is still running.
     *
     * @return an immutable list, empty when nothing tracked is running
     */
    public static List<String> running() {
        return CELLS.running();
    }

    /**
     * Returns the tracked work of {@code owner} that is still running.
     *
     * @param owner a cell, as the kernel names it
     * @return the unfinished handles, empty when there are none
     */
    public static List<Handle> unfinished(Object owner) {
        return CELLS.unfinished(owner);
    }

    /**
     * Cancels the unfinished work of {@code owner} and waits at most {@code grace} for it to end.
     *
     * @param owner a cell
     * @param grace how long to wait for the cancelled work to end
     * @return the descriptions of the work still running after {@code grace}
     */
    public static List<String> cancel(Object owner, Duration grace) {
        return CELLS.cancel(owner, grace);
    }

    /**
     * Forgets {@code owner} and its work (the kernel calls this once a cell has ended).
     *
     * @param owner a cell
     */
    public static void forget(Object owner) {
        CELLS.forget(owner);
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

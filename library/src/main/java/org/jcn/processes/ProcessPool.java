package org.jcn.processes;

import java.util.List;
import java.util.Objects;

import org.jcn.internal.process.ChildPool;

/**
 * A fixed number of reusable child JVMs that run a function over many inputs, the Java form of Python's
 * {@code multiprocessing.Pool}.
 *
 * <p>The workers start when the pool is created and stay up between calls, so only the first call pays for JVM
 * start-up. {@link #map} sends each input to the next free worker and returns the results in input order. The
 * function may be a lambda or method defined in an earlier notebook cell. Workers share no memory with the
 * caller and get fresh statics (see {@link ChildProcess}); what they print appears in the calling cell before
 * {@code map} returns.
 *
 * <p>Lifecycle: the caller owns the pool and must {@link #close()} it (try-with-resources), which stops the
 * workers; they also exit when the calling JVM exits or is killed. In a notebook a pool may stay open across
 * cells: idle workers do not keep a cell waiting, only tasks in flight do. Interrupting a thread waiting in {@code map}
 * destroys the workers; the next call starts new ones. A worker that died is replaced by the next call.
 * {@code map} may be called from several threads; each call's tasks queue behind the others on the workers.
 * The workers count against the kernel's cap on child JVMs ({@link ChildProcess#limit()}).
 *
 * {@snippet :
 * try (ProcessPool pool = ProcessPool.newPool(2)) {
 *     List<Integer> squares = pool.map(n -> n * n, List.of(1, 2, 3, 4));   // [1, 4, 9, 16]
 * }
 * }
 */
public final class ProcessPool implements AutoCloseable {

    private final ChildPool children;

    private ProcessPool(int workers) {
        this.children = new ChildPool(workers);
    }

    /**
     * Starts a pool of {@code workers} child JVMs.
     *
     * @param workers how many child JVMs to run
     * @return a new pool, which the caller must close
     * @throws IllegalArgumentException if {@code workers} is 0 or less, or more than {@link ChildProcess#limit()};
     *                                  nothing is started
     * @throws IllegalStateException if {@code workers} more child JVMs would pass {@link ChildProcess#limit()} with
     *                               those running already; nothing is started
     * @throws ChildProcessException if a child JVM can't be started (those already started are destroyed); the
     *                               message names the likely cause, such as a process or memory limit
     */
    public static ProcessPool newPool(int workers) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be > 0 but was " + workers);
        }
        return new ProcessPool(workers);
    }

    /**
     * Starts a pool with one child JVM per available processor.
     *
     * @return a new pool, which the caller must close
     * @throws ChildProcessException if a child JVM can't be started
     */
    public static ProcessPool newPool() {
        return newPool(Runtime.getRuntime().availableProcessors());
    }

    /** The number of workers. */
    public int workers() {
        return children.size();
    }

    /**
     * Applies {@code function} to every input in the workers and returns the results in input order.
     *
     * @param function the function to apply; serialized once and sent to each worker once per call
     * @param inputs the inputs, each serialized and sent to one worker; elements may be null
     * @return the results, in the order of {@code inputs}
     * @throws NullPointerException if {@code function} or {@code inputs} is null
     * @throws IllegalArgumentException if the function or an input can't be serialized (the message names its
     *         position and class), or reads a top-level variable of an earlier notebook cell that the workers would
     *         see unset (see {@link ChildProcess})
     * @throws IllegalStateException if the pool is closed
     * @throws InterruptedException if the waiting thread is interrupted; the workers are destroyed first
     * @throws ChildProcessException if the function threw for an input (the cause is what it threw), or a worker
     *         exited or was killed before it answered (with its exit code and stderr)
     */
    @SuppressWarnings("unchecked")
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, List<? extends T> inputs)
            throws InterruptedException {
        Objects.requireNonNull(function, "function must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        return (List<R>) children.map(function, inputs, children.size());
    }

    /**
     * Stops the workers: each finishes the task it is running, then exits; a worker still running after a
     * grace time of 3 s is destroyed. Returns when all are gone. Idempotent.
     */
    @Override
    public void close() {
        children.close();
    }

    @Override
    public String toString() {
        return "ProcessPool[" + children.size() + " workers]";
    }
}

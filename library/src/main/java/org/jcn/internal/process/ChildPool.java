package org.jcn.internal.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jcn.processes.ChildProcessException;

/**
 * A fixed number of reusable child JVMs that apply a function to many inputs: the engine of
 * {@code ProcessPool}, and of a sweep's warm pool, which runs each worker count on as many of its JVMs as that
 * count (so one pool of the largest count serves every count of a sweep).
 *
 * <p>The JVMs start when the pool is created. A JVM that died is replaced by the next call; an interrupt while
 * waiting destroys the JVMs of that call. {@link #close()} lets each finish its task, destroys any still running
 * after 3 s, and returns when all are gone. Thread safe: concurrent calls queue behind each other on the JVMs.
 */
public final class ChildPool implements AutoCloseable {

    private static final long CLOSE_GRACE_MILLIS = 3_000;

    private final ChildJvm[] workers; // guarded by this
    private boolean closed;           // guarded by this

    /**
     * Starts {@code size} child JVMs; returns while they are still starting.
     *
     * @throws IllegalArgumentException if {@code size} is above the cap of {@link ChildLimit}; nothing is started
     * @throws IllegalStateException if {@code size} more would pass the cap; nothing is started
     * @throws ChildProcessException if one can't be started (those already started are destroyed)
     */
    public ChildPool(int size) {
        this.workers = new ChildJvm[size];
        ChildLimit.Permit[] permits = ChildLimit.take(size, "a pool of " + size + " child JVMs");
        try {
            for (int i = 0; i < size; i++) {
                this.workers[i] = ChildJvm.launch(false, null, permits[i]);
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < size; i++) {
                if (workers[i] == null) {
                    permits[i].release();   // the started ones' places go back when they exit
                }
            }
            for (ChildJvm started : this.workers) {
                if (started != null) {
                    started.destroy("the pool could not start");
                }
            }
            throw e;
        }
    }

    /** The number of child JVMs. */
    public int size() {
        return workers.length;
    }

    /**
     * Applies {@code function} to every input on at most {@code parallelism} of the JVMs (the first ones), each
     * input going to the next JVM that is free; returns the results in input order.
     *
     * @throws IllegalArgumentException if the function or an input can't be serialized (the message names it)
     * @throws IllegalStateException if the pool is closed
     * @throws InterruptedException if the waiting thread is interrupted; the JVMs of this call are destroyed first
     * @throws ChildProcessException if the function threw for an input, or a JVM died before it answered
     */
    public List<Object> map(Object function, List<?> inputs, int parallelism) throws InterruptedException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the pool is closed");
            }
        }
        ChildTasks tasks = ChildTasks.map(function, inputs); // refuses what can't be sent before any JVM starts
        return tasks.runOn(Arrays.copyOf(liveWorkers(), Math.min(parallelism, workers.length)));
    }

    private synchronized ChildJvm[] liveWorkers() {
        if (closed) {
            throw new IllegalStateException("the pool is closed");
        }
        for (int i = 0; i < workers.length; i++) {
            if (!workers[i].isAlive()) {
                workers[i].destroy("replaced");
                workers[i] = ChildJvm.launch(false, null);
            }
        }
        return workers.clone();
    }

    /** Stops the JVMs: each finishes its task and exits, or is destroyed after 3 s. Idempotent. */
    @Override
    public void close() {
        ChildJvm[] stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = workers.clone();
        }
        List<ChildJvm> all = new ArrayList<>(List.of(stopping));
        all.forEach(ChildJvm::requestExit);
        all.forEach(worker -> worker.close(CLOSE_GRACE_MILLIS));
    }
}

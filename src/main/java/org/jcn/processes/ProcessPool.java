package org.jcn.processes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcn.internal.process.ChildJvm;
import org.jcn.internal.process.Loaders;
import org.jcn.internal.process.Payloads;

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
 *
 * {@snippet :
 * try (ProcessPool pool = ProcessPool.newPool(2)) {
 *     List<Integer> squares = pool.map(n -> n * n, List.of(1, 2, 3, 4));   // [1, 4, 9, 16]
 * }
 * }
 */
public final class ProcessPool implements AutoCloseable {

    private static final byte[] REUSE_FUNCTION = new byte[0];
    private static final long CLOSE_GRACE_MILLIS = 3_000;

    private final ChildJvm[] workers; // guarded by this
    private boolean closed;           // guarded by this

    private ProcessPool(int workers) {
        this.workers = new ChildJvm[workers];
        try {
            for (int i = 0; i < workers; i++) {
                this.workers[i] = ChildJvm.launch(false);
            }
        } catch (RuntimeException e) {
            for (ChildJvm started : this.workers) {
                if (started != null) {
                    started.destroy("the pool could not start");
                }
            }
            throw e;
        }
    }

    /**
     * Starts a pool of {@code workers} child JVMs.
     *
     * @param workers how many child JVMs to run
     * @return a new pool, which the caller must close
     * @throws IllegalArgumentException if {@code workers} is 0 or less
     * @throws ChildProcessException if a child JVM can't be started (those already started are destroyed)
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
        return workers.length;
    }

    /**
     * Applies {@code function} to every input in the workers and returns the results in input order.
     *
     * @param function the function to apply; serialized once and sent to each worker once per call
     * @param inputs the inputs, each serialized and sent to one worker; elements may be null
     * @return the results, in the order of {@code inputs}
     * @throws NullPointerException if {@code function} or {@code inputs} is null
     * @throws IllegalArgumentException if the function or an input can't be serialized; the message names its
     *         position and class
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
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the pool is closed");
            }
        }
        byte[] functionBytes = Payloads.target(function, "function");
        byte[][] inputBytes = new byte[inputs.size()][];
        int i = 0;
        for (T input : inputs) {
            inputBytes[i] = Payloads.value(input, "input " + i);
            i++;
        }
        ChildJvm[] running = liveWorkers();
        if (inputBytes.length == 0) {
            return List.of();
        }
        Call call = new Call(Loaders.pick(function, inputs), ChildJvm.newFunctionId(), functionBytes, inputBytes);
        for (ChildJvm worker : running) {
            call.dispatch(worker, true);
        }
        try {
            call.done.get();
        } catch (InterruptedException e) {
            for (ChildJvm worker : running) {
                worker.destroy("the thread waiting in map was interrupted");
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ChildProcessException c ? c
                    : new ChildProcessException("map failed: " + e.getCause(), e.getCause());
        }
        return (List<R>) Collections.unmodifiableList(Arrays.asList(call.results));
    }

    /** One call of map: hands out inputs to workers as they become free. */
    private static final class Call {
        final Loaders.Choice loader;
        final int functionId;
        final byte[] function;
        final byte[][] inputs;
        final Object[] results;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Call(Loaders.Choice loader, int functionId, byte[] function, byte[][] inputs) {
            this.loader = loader;
            this.functionId = functionId;
            this.function = function;
            this.inputs = inputs;
            this.results = new Object[inputs.length];
        }

        void dispatch(ChildJvm worker, boolean first) {
            int index = next.getAndIncrement();
            if (index >= inputs.length || done.isDone()) {
                return;
            }
            worker.submit(loader, functionId, first ? function : REUSE_FUNCTION, inputs[index])
                    .whenComplete((value, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(failure);
                            return;
                        }
                        results[index] = value;
                        if (finished.incrementAndGet() == inputs.length) {
                            done.complete(null);
                        } else {
                            dispatch(worker, false);
                        }
                    });
        }
    }

    private synchronized ChildJvm[] liveWorkers() {
        if (closed) {
            throw new IllegalStateException("the pool is closed");
        }
        for (int i = 0; i < workers.length; i++) {
            if (!workers[i].isAlive()) {
                workers[i].destroy("replaced");
                workers[i] = ChildJvm.launch(false);
            }
        }
        return workers.clone();
    }

    /**
     * Stops the workers: each finishes the task it is running, then exits; a worker still running after a
     * grace time of 3 s is destroyed. Returns when all are gone. Idempotent.
     */
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

    @Override
    public String toString() {
        return "ProcessPool[" + workers.length + " workers]";
    }
}

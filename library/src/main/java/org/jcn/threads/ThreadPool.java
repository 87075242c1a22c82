package org.jcn.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jcn.internal.task.Gathering;
import org.jcn.internal.task.TaskFuture;

/**
 * A pool of worker threads, like Python's {@code ThreadPoolExecutor} and {@code Pool.map}.
 *
 * <p>{@link #newFixed(int)} keeps a fixed number of platform threads that take turns at the submitted work;
 * {@link #newVirtual()} runs each piece of work on a new virtual thread. The caller owns the pool and must
 * {@link #close()} it, best with try-with-resources; closing waits for the submitted work to finish. Each
 * submitted piece of work is a {@link CompletableFuture} whose {@code cancel(true)} interrupts the thread
 * running it, and is tracked for the notebook cell that submitted it. Thread safe.
 *
 * {@snippet :
 * try (ThreadPool pool = ThreadPool.newFixed(4)) {
 *     List<Integer> squares = pool.map(n -> n * n, List.of(1, 2, 3));   // [1, 4, 9]
 * }
 * }
 */
public final class ThreadPool implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService executor;
    private final String name;
    private final AtomicInteger tasks = new AtomicInteger();

    private ThreadPool(ExecutorService executor, String name) {
        this.executor = executor;
        this.name = name;
    }

    /**
     * Creates a pool of {@code workers} platform threads, named {@code pool-N-worker-M}.
     *
     * @param workers the number of threads
     * @return a new pool, to be closed by the caller
     * @throws IllegalArgumentException if {@code workers} is 0 or less
     */
    public static ThreadPool newFixed(int workers) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be > 0 but was " + workers);
        }
        String name = "pool-" + POOLS.incrementAndGet();
        return new ThreadPool(Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().name(name + "-worker-", 1).factory()), name);
    }

    /**
     * Creates a pool that runs each piece of work on a new virtual thread, named {@code pool-N-virtual-M}.
     *
     * @return a new pool, to be closed by the caller
     */
    public static ThreadPool newVirtual() {
        String name = "pool-" + POOLS.incrementAndGet();
        return new ThreadPool(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(name + "-virtual-", 1).factory()), name);
    }

    /**
     * Submits work that returns a value.
     *
     * @param task the work
     * @param <T> the type of its result
     * @return the work's future; {@code cancel(true)} interrupts it. If the pool is closed, it has failed with
     *         a {@link java.util.concurrent.RejectedExecutionException}
     * @throws NullPointerException if {@code task} is null
     */
    public <T> CompletableFuture<T> submit(Callable<? extends T> task) {
        Objects.requireNonNull(task, "task must not be null");
        return TaskFuture.start(name + "-task-" + tasks.incrementAndGet(), task, executor);
    }

    /**
     * Submits work that returns nothing.
     *
     * @param task the work
     * @return the work's future, completed with null; {@code cancel(true)} interrupts it
     * @throws NullPointerException if {@code task} is null
     */
    public CompletableFuture<Void> submit(Runnable task) {
        Objects.requireNonNull(task, "task must not be null");
        return submit(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Applies the function to every input on the pool's threads and returns the results in input order, like
     * Python's {@code Pool.map}. If one call fails, the calls still running are cancelled and the failure is
     * thrown; if the caller is interrupted, all calls are cancelled.
     *
     * @param function the function to apply
     * @param inputs the inputs, none of which is examined by the pool
     * @param <T> the type of the inputs
     * @param <R> the type of the results
     * @return the results, in the order of {@code inputs}
     * @throws NullPointerException if {@code function} or {@code inputs} is null
     * @throws ExecutionException if a call failed; its cause is the exception the function threw (the first in
     *         input order when several failed before it was noticed)
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    public <T, R> List<R> map(Function<? super T, ? extends R> function, List<? extends T> inputs)
            throws ExecutionException, InterruptedException {
        Objects.requireNonNull(function, "function must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        List<CompletableFuture<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(submit(() -> function.apply(input)));
        }
        return Gathering.failFast(futures);
    }

    /**
     * Closes the pool: no new work is accepted and this method waits for the submitted work to finish. If the
     * calling thread is interrupted while waiting, the work still running is cancelled, and the thread's
     * interrupt status is set again when this method returns. Closing a closed pool does nothing.
     */
    @Override
    public void close() {
        executor.shutdown();
        boolean interrupted = false;
        while (!executor.isTerminated()) {
            try {
                executor.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    TaskFuture.cancelDropped(executor.shutdownNow());
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ThreadPool[" + name + (executor.isShutdown() ? ", closed]" : "]");
    }
}

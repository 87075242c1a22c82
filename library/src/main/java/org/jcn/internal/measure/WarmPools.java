package org.jcn.internal.measure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jcn.internal.process.ChildPool;
import org.jcn.processes.SerializableFunction;

/**
 * Warm pools that a sweep reuses from round to round: one pool of platform threads per worker count, and one pool
 * of child JVMs for all of them.
 *
 * <p>Opened by {@code Sweep.run()}, which passes them to each mechanism's run, and closed when the sweep ends
 * (also on failure or interrupt), so no child JVM or pool thread outlives it. The child JVMs are as many as the
 * sweep's largest worker count, never more: a run with fewer workers uses that many of them, the others wait
 * idle. (A pool per worker count would hold 1 + 2 + ... + n JVMs at once, some 40 MB resident each.) Given these
 * pools, {@code Mechanism.CHILD_PROCESSES} and {@code Mechanism.PLATFORM_THREADS} take theirs from here instead of
 * starting a new one per run: the sweep then measures how the workers compute, and their start-up cost is left to
 * the measurements made for it (a new platform thread on a second core took some 5 ms to get going here, a tenth
 * of a 50 ms task). Not thread safe: one sweep, one thread.
 */
public final class WarmPools implements AutoCloseable {

    private ChildPool children;
    private final Map<Integer, ThreadPoolExecutor> threads = new LinkedHashMap<>();

    private WarmPools() {
    }

    /** Opens an empty set of pools; they start on first use. */
    public static WarmPools open() {
        return new WarmPools();
    }

    /** The pool of {@code workers} platform threads, all started on first use. */
    public ExecutorService threads(int workers) {
        return threads.computeIfAbsent(workers, n -> {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(n);
            pool.prestartAllCoreThreads();
            return pool;
        });
    }

    /**
     * Starts child JVMs for up to {@code workers} workers, if not started yet, and has each of them run a few
     * tasks, so their first measured run is not slow. A smaller pool started before is closed first.
     */
    public void warmChildren(int workers) throws InterruptedException {
        if (children == null || children.size() < workers) {
            closeChildren();
            children = new ChildPool(workers);
            children.map((SerializableFunction<Integer, Integer>) WarmPools::identity,
                    IntStream.range(0, 4 * workers).boxed().toList(), workers);
        }
    }

    /** Applies the function to the inputs on {@code workers} of the warm child JVMs, started if need be. */
    public <T> List<Object> mapOnChildren(int workers, SerializableFunction<? super T, ?> function,
                                          List<? extends T> inputs)
            throws InterruptedException {
        warmChildren(workers);
        return children.map(function, inputs, workers);
    }

    private static Integer identity(Integer i) {
        return i;
    }

    @Override
    public void close() {
        for (ThreadPoolExecutor pool : threads.values()) {
            pool.shutdownNow();
        }
        try {
            for (ThreadPoolExecutor pool : threads.values()) {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
        closeChildren();
    }

    private void closeChildren() {
        if (children != null) {
            children.close();
            children = null;
        }
    }
}

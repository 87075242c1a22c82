package org.jcn.internal.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jcn.processes.ProcessPool;

/**
 * Warm pools that a sweep reuses from round to round, one per worker count: of child JVMs and of platform threads.
 *
 * <p>Opened by {@code Sweep.run()} on its own thread and closed when the sweep ends (also on failure or
 * interrupt), so no child JVM or pool thread outlives it. While open, {@code Mechanism.CHILD_PROCESSES} and
 * {@code Mechanism.PLATFORM_THREADS} take their pool from here instead of starting a new one per run: the sweep
 * then measures how the workers compute, and their start-up cost is left to the measurements made for it (a new
 * platform thread on a second core took some 5 ms to get going here, a tenth of a 50 ms task). Not thread safe:
 * one sweep, one thread.
 */
public final class WarmPools implements AutoCloseable {

    private static final ThreadLocal<WarmPools> CURRENT = new ThreadLocal<>();

    private final Map<Integer, ProcessPool> pools = new LinkedHashMap<>();
    private final Map<Integer, ThreadPoolExecutor> threads = new LinkedHashMap<>();

    private WarmPools() {
    }

    /** Opens the pools of the calling thread. */
    public static WarmPools open() {
        WarmPools pools = new WarmPools();
        CURRENT.set(pools);
        return pools;
    }

    /** The calling thread's open pools, or null when no sweep is running on it. */
    public static WarmPools current() {
        return CURRENT.get();
    }

    /** The pool of {@code workers} platform threads, all started on first use. */
    public ExecutorService threads(int workers) {
        return threads.computeIfAbsent(workers, n -> {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(n);
            pool.prestartAllCoreThreads();
            return pool;
        });
    }

    /** The pool of {@code workers} child JVMs, started on first use. */
    public ProcessPool children(int workers) {
        return pools.computeIfAbsent(workers, ProcessPool::newPool);
    }

    /** Starts the pool of {@code workers} JVMs and has each of them run a task, so their first run is not slow. */
    public void warmChildren(int workers) throws InterruptedException {
        children(workers).map(WarmPools::identity, IntStream.range(0, 4 * workers).boxed().toList());
    }

    private static Integer identity(Integer i) {
        return i;
    }

    @Override
    public void close() {
        CURRENT.remove();
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
        List<ProcessPool> all = new ArrayList<>(pools.values());
        pools.clear();
        all.forEach(ProcessPool::close);
    }
}

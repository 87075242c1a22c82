package org.jcn.internal.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jcn.processes.ProcessPool;

/**
 * Warm pools of child JVMs that a sweep reuses from round to round, one pool per worker count.
 *
 * <p>Opened by {@code Sweep.run()} on its own thread and closed when the sweep ends (also on failure or
 * interrupt), so no child JVM outlives it. While open, {@code Mechanism.CHILD_PROCESSES} takes its pool from here
 * instead of starting a new one per run: the sweep then measures how child JVMs compute, and their start-up cost is
 * left to the measurements made for it. Not thread safe: one sweep, one thread.
 */
public final class ChildPools implements AutoCloseable {

    private static final ThreadLocal<ChildPools> CURRENT = new ThreadLocal<>();

    private final Map<Integer, ProcessPool> pools = new LinkedHashMap<>();

    private ChildPools() {
    }

    /** Opens the pools of the calling thread. */
    public static ChildPools open() {
        ChildPools pools = new ChildPools();
        CURRENT.set(pools);
        return pools;
    }

    /** The calling thread's open pools, or null when no sweep is running on it. */
    public static ChildPools current() {
        return CURRENT.get();
    }

    /** The pool of {@code workers} child JVMs, started on first use. */
    public ProcessPool get(int workers) {
        return pools.computeIfAbsent(workers, ProcessPool::newPool);
    }

    /** Starts the pool of {@code workers} JVMs and has each of them run a task, so their first run is not slow. */
    public void warm(int workers) throws InterruptedException {
        get(workers).map(ChildPools::identity, IntStream.range(0, 4 * workers).boxed().toList());
    }

    private static Integer identity(Integer i) {
        return i;
    }

    @Override
    public void close() {
        CURRENT.remove();
        List<ProcessPool> all = new ArrayList<>(pools.values());
        pools.clear();
        all.forEach(ProcessPool::close);
    }
}

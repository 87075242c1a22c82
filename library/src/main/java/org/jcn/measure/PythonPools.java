package org.jcn.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jcn.internal.python.Worker;
import org.jcn.python.Python;
import org.jcn.python.PythonInterpreter;

/**
 * The Python side of a sweep: for each Python mechanism one interpreter process ({@code worker.py}) with a warm
 * pool as large as the sweep's largest worker count, started before measuring and ended with the sweep. A run
 * with fewer workers lets only that many of the pool's workers take tasks at once.
 *
 * <p>Opened by {@code Sweep.run()}, like {@code WarmPools}, and passed to each mechanism's run. Outside a sweep a Python mechanism
 * starts an interpreter and its pool for the one run, so that run's time includes starting them. Not thread safe.
 */
final class PythonPools implements AutoCloseable {

    private final Map<Mechanism, Worker> workers = new EnumMap<>(Mechanism.class);

    private PythonPools() {
    }

    /** Starts and warms a worker for each Python mechanism among {@code mechanisms}. */
    static PythonPools open(List<Mechanism> mechanisms, int[] workerCounts) throws InterruptedException {
        PythonPools pools = new PythonPools();
        try {
            int largest = Arrays.stream(workerCounts).max().orElse(1);
            for (Mechanism m : mechanisms) {
                if (isPython(m)) {
                    pools.workers.put(m, start(m, largest));
                }
            }
            return pools;
        } catch (InterruptedException | RuntimeException e) {
            pools.close();
            throw e;
        }
    }

    static boolean isPython(Mechanism m) {
        return m == Mechanism.PYTHON_THREADS || m == Mechanism.PYTHON_PROCESSES
                || m == Mechanism.FREE_THREADED_PYTHON_THREADS;
    }

    /**
     * Runs the tasks' Python twins with at most {@code workers} at once; the results come back in task order.
     *
     * @param pools a sweep's pools, or null to start an interpreter and its pool for this run
     */
    static List<Object> execute(Mechanism m, List<Workload.Task> tasks, int workers, PythonPools pools)
            throws InterruptedException {
        List<List<Object>> calls = new ArrayList<>(tasks.size());
        for (Workload.Task task : tasks) {
            if (!(task instanceof RangeSum sum)) {
                throw new IllegalArgumentException(m.label() + " run the workloads that have a Python twin "
                        + "(Workloads.sumOfRange, Workloads.cpuBoundTask), but a task was " + task);
            }
            calls.add(sum.inPython());
        }
        Worker warm = pools == null ? null : pools.workers.get(m);
        if (warm != null) {
            return warm.run(workers, calls).results();
        }
        try (Worker once = start(m, Math.min(workers, tasks.size()))) {
            return once.run(workers, calls).results();
        }
    }

    private static Worker start(Mechanism m, int size) throws InterruptedException {
        if (m == Mechanism.FREE_THREADED_PYTHON_THREADS) {
            List<PythonInterpreter> found = Python.freeThreaded();
            if (found.isEmpty()) {
                throw new IllegalStateException("no free-threaded Python (python3.13t, python3.14t, ...) was found: "
                        + "see the README to add one, or leave out " + m.label());
            }
            return Worker.start(found.get(0), "threads", size, Map.of("PYTHON_GIL", "0"));
        }
        return Worker.start(Python.require(), m == Mechanism.PYTHON_THREADS ? "threads" : "processes", size, Map.of());
    }

    @Override
    public void close() {
        workers.values().forEach(Worker::close);
        workers.clear();
    }
}

package org.jcn.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jcn.internal.measure.WarmPools;
import org.jcn.processes.ProcessPool;
import org.jcn.python.Python;

/**
 * The ways a {@link Sweep} can run a workload's tasks with a given number of workers.
 *
 * <p>Each mechanism runs every task, lets at most {@code workers} of them run at once, returns the results in task
 * order, and cleans up whatever it started before returning (also when a task fails or the caller is interrupted).
 *
 * {@snippet :
 * List<Object> results = Mechanism.VIRTUAL_THREADS.run(Workloads.sumOfRange(1_000_000).tasks(2), 2);
 * }
 */
public enum Mechanism {

    /**
     * A fixed pool of platform (operating-system) threads, one per worker. Inside a sweep the pool is started once
     * per worker count and reused by every round; on its own, each run starts and ends a pool.
     */
    PLATFORM_THREADS("platform threads", (m, tasks, workers, warm, py) -> Runs.platformThreads(tasks, workers, warm)),

    /** One virtual thread per worker, each taking the next task until none are left. */
    VIRTUAL_THREADS("virtual threads", (m, tasks, workers, warm, py) -> Runs.virtualThreads(tasks, workers)),

    /** {@code CompletableFuture.supplyAsync} on a work-stealing pool of {@code workers} threads. */
    FUTURES("futures", (m, tasks, workers, warm, py) -> Runs.futures(tasks, workers)),

    /** A parallel stream over the tasks, run inside a fork-join pool of {@code workers} threads. */
    PARALLEL_STREAM("parallel stream", (m, tasks, workers, warm, py) -> Runs.parallelStream(tasks, workers)),

    /**
     * A {@link ProcessPool} of {@code workers} child JVMs. Called on its own, it starts the pool for the run and
     * closes it after, so the time includes starting the JVMs. Inside a {@link Sweep} one pool, of as many JVMs as
     * the largest worker count, is started and warmed before measuring and reused by every round and every worker
     * count (a run with fewer workers uses that many of its JVMs), so the sweep shows how child JVMs compute; their
     * start-up is a separate cost (see {@link org.jcn.processes.ChildProcess}). At most {@link #MAX_CHILD_JVMS}
     * workers.
     */
    CHILD_PROCESSES("child JVMs", (m, tasks, workers, warm, py) -> Runs.childJvms(tasks, workers, warm)),

    /**
     * A pool of threads ({@code ThreadPoolExecutor}) in the default Python interpreter
     * ({@link org.jcn.python.Python#find()}), running the tasks' Python twins: the workloads
     * {@link Workloads#sumOfRange} and {@link Workloads#cpuBoundTask} have one, and their checks verify Python's
     * answers too. Python's global interpreter lock lets one of these threads run Python code at a time. Inside a
     * {@link Sweep} the interpreter and its pool are started and warmed before measuring and reused by every
     * round; on its own, each run starts them, and its time includes that.
     */
    PYTHON_THREADS("Python threads", Mechanism::inPython),

    /**
     * A pool of processes ({@code ProcessPoolExecutor}, the interpreter's default start method) in the default
     * Python interpreter, running the tasks' Python twins as {@link #PYTHON_THREADS} does. Each process has its
     * own interpreter lock, so they compute in parallel.
     */
    PYTHON_PROCESSES("Python processes", Mechanism::inPython),

    /**
     * Threads in the newest free-threaded Python build found ({@link org.jcn.python.Python#freeThreaded()}),
     * started with the interpreter lock off ({@code PYTHON_GIL=0}), running the tasks' Python twins as
     * {@link #PYTHON_THREADS} does. Fails (the cause says so) where no free-threaded build is installed.
     */
    FREE_THREADED_PYTHON_THREADS("free-threaded Python threads", Mechanism::inPython);

    /** The most child JVMs {@link #CHILD_PROCESSES} starts at once: 4 per core, at least 8. */
    public static final int MAX_CHILD_JVMS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    /** Throws unless {@code workers} child JVMs are allowed; {@code what} names the number in the message. */
    static void checkChildWorkers(String what, int workers) {
        if (workers > MAX_CHILD_JVMS) {
            throw new IllegalArgumentException("child JVMs: " + what + " must be <= " + MAX_CHILD_JVMS
                    + " (each is a JVM of tens of MB) but was " + workers);
        }
    }

    /**
     * The Python mechanisms this machine can run, for a {@link Sweep} beside Java's: {@link #PYTHON_THREADS} and
     * {@link #PYTHON_PROCESSES} when a Python is found ({@link Python#find()}), and
     * {@link #FREE_THREADED_PYTHON_THREADS} when a free-threaded build is ({@link Python#freeThreaded()}).
     *
     * {@snippet :
     * List<Mechanism> both = new ArrayList<>(List.of(Mechanism.PLATFORM_THREADS, Mechanism.CHILD_PROCESSES));
     * both.addAll(Mechanism.python());
     * }
     *
     * @return the mechanisms, possibly none
     */
    public static List<Mechanism> python() {
        List<Mechanism> mechanisms = new ArrayList<>();
        if (Python.find().isPresent()) {
            mechanisms.add(PYTHON_THREADS);
            mechanisms.add(PYTHON_PROCESSES);
        }
        if (!Python.freeThreaded().isEmpty()) {
            mechanisms.add(FREE_THREADED_PYTHON_THREADS);
        }
        return List.copyOf(mechanisms);
    }

    private final String label;
    private final Runner runner;

    Mechanism(String label, Runner runner) {
        this.label = label;
        this.runner = runner;
    }

    /**
     * Gives a series of a chart drawn by hand this mechanism's colour and marker, the ones it has on every chart the
     * library draws, so that a learner can follow a mechanism from chart to chart and lesson to lesson.
     *
     * {@snippet :
     * Mechanism.VIRTUAL_THREADS.paint(chart.addSeries("a virtual thread per download", x, y));
     * }
     *
     * @param series the series
     * @return the same series
     */
    public org.knowm.xchart.XYSeries paint(org.knowm.xchart.XYSeries series) {
        org.jcn.internal.display.HouseStyle.paintSeries(java.util.Objects.requireNonNull(series,
                "series must not be null"), SweepCharts.colour(this));
        return series;
    }

    /**
     * The name used in tables and chart legends, such as {@code virtual threads}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Runs the tasks with at most {@code workers} at a time and returns their results in task order.
     *
     * @param tasks   the tasks, at least one
     * @param workers how many may run at once, at least 1
     * @return the results
     * @throws ExecutionException       if a task threw; its exception is the cause
     * @throws InterruptedException     if the calling thread was interrupted; the tasks are cancelled
     * @throws IllegalArgumentException if {@code workers < 1} or there are no tasks
     */
    public List<Object> run(List<Workload.Task> tasks, int workers) throws ExecutionException, InterruptedException {
        return run(tasks, workers, null, null);
    }

    /**
     * Runs the tasks as {@link #run(List, int)} does, on the warm pools a sweep owns and passes in: those of
     * {@code warm} for platform threads and child JVMs, those of {@code python} for the Python mechanisms; a null
     * one means a pool started and ended for this run.
     */
    List<Object> run(List<Workload.Task> tasks, int workers, WarmPools warm, PythonPools python)
            throws ExecutionException, InterruptedException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 but was " + workers);
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("tasks must not be empty");
        }
        try {
            return execute(tasks, workers, warm, python);
        } catch (ExecutionException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutionException(e);
        }
    }

    private List<Object> execute(List<Workload.Task> tasks, int workers, WarmPools warm, PythonPools python)
            throws Exception {
        return runner.run(this, tasks, workers, warm, python);
    }

    private static List<Object> inPython(Mechanism m, List<Workload.Task> tasks, int workers, WarmPools warm,
                                         PythonPools python) throws Exception {
        return PythonPools.execute(m, tasks, workers, python);
    }

    /** How a mechanism runs a sweep point's tasks; {@code self} is the mechanism, which a lambda here cannot name. */
    @FunctionalInterface
    private interface Runner {
        List<Object> run(Mechanism self, List<Workload.Task> tasks, int workers, WarmPools warm, PythonPools python)
                throws Exception;
    }

    @Override
    public String toString() {
        return label;
    }
}

package org.jcn.measure;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A piece of work that a {@link Sweep} runs with 1, 2, … workers: for each worker count it hands out a list of
 * tasks, and afterwards checks their results.
 *
 * <p>Two shapes cover the lessons. A <em>split</em> workload divides a fixed job into as many tasks as there are
 * workers ("does the same job get faster with more workers?"); a <em>per-worker</em> workload gives every worker
 * the same task, as the tutorials' "one process per core" examples do ("does the total time stay flat?"). The
 * factories in {@link Workloads} say which shape they build. Implementations must be thread safe: tasks run
 * concurrently, and {@link #check} runs after they all finished.
 *
 * {@snippet :
 * Workload w = Workloads.sumOfRange(1_000_000_000L);
 * w.tasks(4).size();   // 4 tasks, each summing a quarter of the range
 * }
 */
public interface Workload {

    /** One unit of work. Serializable, so that a child JVM can run it too. */
    @FunctionalInterface
    interface Task extends Callable<Object>, Serializable {
    }

    /**
     * A short name for tables and chart titles, such as {@code sum of range(1,000,000,000)}.
     *
     * @return the name
     */
    String name();

    /**
     * The tasks one run executes when {@code workers} workers are available.
     *
     * @param workers the number of workers, at least 1
     * @return the tasks, at least one
     */
    List<Task> tasks(int workers);

    /**
     * Checks the results of one run, in task order, and throws if they are wrong; the default accepts anything.
     * CPU-bound workloads check their arithmetic here, so a measurement of work that was optimised away can
     * never pass silently.
     *
     * @param results the tasks' results, in the order of {@link #tasks(int)}
     * @param workers the number of workers the run had
     * @throws IllegalStateException if the results are wrong
     */
    default void check(List<?> results, int workers) {
    }

    /**
     * Whether the work keeps a core busy (arithmetic) rather than waiting (sleeps, downloads). On a machine with one
     * core, or a CPU quota under 1.5, a {@link Sweep} of CPU-bound work measures no more than 2 workers: beyond them
     * it could only draw the same flat line. The default is {@code false}; the CPU-bound factories of
     * {@link Workloads} say {@code true}.
     *
     * @return true when the work is CPU-bound
     */
    default boolean cpuBound() {
        return false;
    }
}

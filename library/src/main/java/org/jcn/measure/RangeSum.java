package org.jcn.measure;

import java.util.List;

import org.jcn.internal.measure.Loops;

/**
 * The task behind {@link Workloads#sumOfRange} and {@link Workloads#cpuBoundTask}: the sum of {@code [from, to)}.
 * It has a twin in the project's Python workloads ({@code sum_range} in {@code jcn_work.py}), so the Python
 * mechanisms can run the same task and the workload's check can verify their answers too.
 */
record RangeSum(long from, long to) implements Workload.Task {

    @Override
    public Object call() {
        return Loops.sumOfRange(from, to);
    }

    /** The Python twin as the worker takes it: the function's name, then its arguments. */
    List<Object> inPython() {
        return List.of("sum_range", List.of(from, to));
    }
}

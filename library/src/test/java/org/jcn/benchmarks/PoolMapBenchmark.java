package org.jcn.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.jcn.processes.ProcessPool;

/**
 * A map of 1,000 tiny tasks over reused child JVMs, next to the same map over a plain thread pool, in one run.
 * Run with {@code ./bench PoolMapBenchmark}.
 */
public final class PoolMapBenchmark {

    private static final int TASKS = 1_000;
    private static final int ROUNDS = 15;

    private PoolMapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int workers = Runtime.getRuntime().availableProcessors();
        List<Integer> inputs = IntStream.range(0, TASKS).boxed().toList();
        double[] processes = new double[ROUNDS];
        double[] threads = new double[ROUNDS];
        try (ProcessPool pool = ProcessPool.newPool(workers)) {
            for (int i = 0; i < 5; i++) {
                check(pool.map(n -> n + 1, inputs)); // workers up and warm
            }
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                check(pool.map(n -> n + 1, inputs));
                processes[i] = (System.nanoTime() - start) / 1e6 / TASKS;
            }
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int i = 0; i < 5 + ROUNDS; i++) {
                long start = System.nanoTime();
                List<Future<Integer>> futures = new ArrayList<>(TASKS);
                for (Integer n : inputs) {
                    futures.add(pool.submit(() -> n + 1));
                }
                List<Integer> results = new ArrayList<>(TASKS);
                for (Future<Integer> f : futures) {
                    results.add(f.get());
                }
                check(results);
                if (i >= 5) {
                    threads[i - 5] = (System.nanoTime() - start) / 1e6 / TASKS;
                }
            }
        }
        Arrays.sort(processes);
        Arrays.sort(threads);
        double p = processes[ROUNDS / 2];
        double t = threads[ROUNDS / 2];
        System.out.printf("Map of %d tiny tasks (n -> n + 1), %d workers, median of %d rounds after warm-up%n",
                TASKS, workers, ROUNDS);
        System.out.printf("Java %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("  ProcessPool (child JVMs)      %8.4f ms per task%n", p);
        System.out.printf("  ExecutorService (threads)     %8.4f ms per task%n", t);
        System.out.printf("  ratio                         %8.0fx%n", p / t);
    }

    private static void check(List<Integer> results) {
        for (int i = 0; i < TASKS; i++) {
            if (results.get(i) != i + 1) {
                throw new AssertionError("wrong result at " + i + ": " + results.get(i));
            }
        }
    }
}

package org.jcn.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jcn.internal.measure.WarmPools;
import org.jcn.processes.ChildProcessException;
import org.jcn.processes.ProcessPool;

/**
 * How each of the JVM's {@link Mechanism}s runs a list of tasks: the enum says what a mechanism is, this class
 * how it runs. Each method runs every task with at most {@code workers} at once, returns the results in task
 * order, and cleans up what it started; a null {@code warm} means pools started and ended for this run.
 */
final class Runs {

    private Runs() {
    }

    static List<Object> platformThreads(List<Workload.Task> tasks, int workers, WarmPools warm) throws Exception {
        if (warm != null) {
            return collect(warm.threads(workers).invokeAll(tasks));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            return collect(pool.invokeAll(tasks));
        }
    }

    static List<Object> virtualThreads(List<Workload.Task> tasks, int workers) throws Exception {
        AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(tasks.size());
        int loopCount = Math.min(workers, tasks.size());
        // Each virtual thread starts with a task of its own, then takes the next one left: a thread that finished
        // first must not take the task of one still waiting for a carrier (a timeline would show it in the wrong lane).
        AtomicInteger next = new AtomicInteger(loopCount);
        List<Future<?>> loops = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < loopCount; w++) {
                int first = w;
                loops.add(threads.submit(() -> {
                    for (int i = first; i < tasks.size(); i = next.getAndIncrement()) {
                        results.set(i, tasks.get(i).call());
                    }
                    return null;
                }));
            }
            collect(loops);
        }
        List<Object> list = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            list.add(results.get(i));
        }
        return list;
    }

    static List<Object> futures(List<Workload.Task> tasks, int workers) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(workers);
        try {
            List<CompletableFuture<Object>> futures = tasks.stream()
                    .map(t -> CompletableFuture.supplyAsync(() -> callUnchecked(t), pool)).toList();
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Object> parallelStream(List<Workload.Task> tasks, int workers) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(workers);
        try {
            return pool.submit(() -> tasks.parallelStream().map(Runs::callUnchecked).toList()).get();
        } catch (ExecutionException e) {
            // Fork-join rethrows a copy of a task's exception made in the waiting thread, with the original
            // as its cause: hand back the original.
            Throwable cause = e.getCause();
            while (cause != null && cause.getCause() != null
                    && (cause.getCause().getClass() == cause.getClass()
                    || cause instanceof java.util.concurrent.CompletionException)) {
                cause = cause.getCause();
            }
            throw new ExecutionException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Object> childJvms(List<Workload.Task> tasks, int workers, WarmPools warm) throws Exception {
        Mechanism.checkChildWorkers("workers", workers);
        try {
            if (warm != null) {
                return warm.mapOnChildren(workers, Runs::call, tasks);
            }
            try (ProcessPool pool = ProcessPool.newPool(Math.min(workers, tasks.size()))) {
                return pool.map(Runs::call, tasks);
            }
        } catch (ChildProcessException e) {
            throw new ExecutionException(e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Runs one task in a child JVM; a static method so that a reference to it serializes by name. */
    static Object call(Workload.Task task) throws Exception {
        return task.call();
    }

    static Object callUnchecked(Workload.Task task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /** Waits for every future in order; the first failure is rethrown with the task's own exception as cause. */
    static List<Object> collect(List<? extends Future<?>> futures) throws ExecutionException,
            InterruptedException {
        List<Object> results = new ArrayList<>(futures.size());
        try {
            for (Future<?> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new ExecutionException(cause);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return results;
    }
}

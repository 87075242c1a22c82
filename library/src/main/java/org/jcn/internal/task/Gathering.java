package org.jcn.internal.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jcn.tasks.Outcome;

/**
 * Waiting for many futures at once: every outcome, or the values with the first failure thrown.
 */
public final class Gathering {

    private Gathering() {
    }

    /**
     * Checks a list of tasks up front, naming the first null element.
     *
     * @param tasks the tasks
     * @throws NullPointerException if {@code tasks} or one of its elements is null
     */
    public static void checkTasks(List<?> tasks) {
        Objects.requireNonNull(tasks, "tasks must not be null");
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i) == null) {
                throw new NullPointerException("tasks[" + i + "] must not be null");
            }
        }
    }

    /**
     * Waits for every task and returns their outcomes in order. If interrupted, cancels all tasks.
     *
     * @param tasks the tasks, checked with {@link #checkTasks(List)}
     * @param <T> the type of the values
     * @return one outcome per task, in order
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static <T> List<Outcome<T>> outcomes(List<? extends CompletableFuture<? extends T>> tasks)
            throws InterruptedException {
        checkTasks(tasks);
        List<Outcome<T>> outcomes = new ArrayList<>(tasks.size());
        try {
            for (CompletableFuture<? extends T> task : tasks) {
                outcomes.add(outcome(task));
            }
        } catch (InterruptedException e) {
            cancelAll(tasks);
            throw e;
        }
        return outcomes;
    }

    /**
     * Waits for every task and returns their values in order; as soon as one fails, cancels the others and
     * throws its failure. If interrupted, cancels all tasks.
     *
     * @param tasks the tasks, checked with {@link #checkTasks(List)}
     * @param <T> the type of the values
     * @return the values, in order
     * @throws ExecutionException if a task failed; its cause is the task's exception
     * @throws CancellationException if a task was cancelled
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static <T> List<T> failFast(List<? extends CompletableFuture<? extends T>> tasks)
            throws ExecutionException, InterruptedException {
        checkTasks(tasks);
        CompletableFuture<Void> settled = new CompletableFuture<>();
        for (CompletableFuture<? extends T> task : tasks) {
            task.whenComplete((value, failure) -> {
                if (failure != null) {
                    settled.complete(null);
                }
            });
        }
        CompletableFuture.allOf(tasks.toArray(CompletableFuture<?>[]::new))
                .whenComplete((ignored, failure) -> settled.complete(null));
        try {
            settled.get();
        } catch (InterruptedException e) {
            cancelAll(tasks);
            throw e;
        }
        List<T> values = new ArrayList<>(tasks.size());
        for (CompletableFuture<? extends T> task : tasks) {
            if (task.isCompletedExceptionally()) {
                cancelAll(tasks);
                task.get(); // throws the task's own failure: ExecutionException or CancellationException
            }
            values.add(task.getNow(null));
        }
        return values;
    }

    private static <T> Outcome<T> outcome(CompletableFuture<? extends T> task) throws InterruptedException {
        try {
            return Outcome.success(task.get());
        } catch (ExecutionException e) {
            return Outcome.failure(e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            return Outcome.failure(e);
        }
    }

    private static void cancelAll(List<? extends CompletableFuture<?>> tasks) {
        for (CompletableFuture<?> task : tasks) {
            task.cancel(true);
        }
    }
}

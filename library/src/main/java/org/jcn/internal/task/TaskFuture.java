package org.jcn.internal.task;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jcn.internal.cell.CellWork;

/**
 * A {@link CompletableFuture} that runs a {@link Callable} and, unlike a plain one, interrupts the thread
 * running it when cancelled. It is tracked by {@link CellWork} from the moment it is started until its body has
 * returned, so a cancelled task counts as running until its thread has actually left the body.
 *
 * @param <T> the type of the result
 */
public final class TaskFuture<T> extends CompletableFuture<T> {

    private final Callable<? extends T> body;
    private final String name;
    // Guarded by this: the thread running the body, null before and after. Interrupting under the lock makes
    // sure a pool thread that has moved on to other work is never interrupted by a late cancel.
    private Thread runner;
    private final CountDownLatch end = new CountDownLatch(1); // counted down once the body has returned
    // Set when the body ignored its cancellation: its cell stops waiting for it (see release()).
    private volatile boolean released;

    private TaskFuture(String name, Callable<? extends T> body) {
        this.name = name;
        this.body = body;
    }

    /**
     * Creates a task, tracks it and hands it to the executor.
     *
     * @param name the task's name, used in messages
     * @param body the work
     * @param executor runs the work; if it rejects it, the task fails with the rejection
     * @param <T> the type of the result
     * @return the started task
     */
    public static <T> TaskFuture<T> start(String name, Callable<? extends T> body, Executor executor) {
        Objects.requireNonNull(body, "task must not be null");
        TaskFuture<T> task = new TaskFuture<>(name, body);
        CellWork.track(task.new Tracked());
        try {
            executor.execute(task.new Runner());
        } catch (RuntimeException e) {
            task.markEnded();
            task.completeExceptionally(e);
        }
        return task;
    }

    /**
     * Cancels the tasks behind runnables that an executor dropped without running them, as returned by
     * {@link java.util.concurrent.ExecutorService#shutdownNow()}.
     *
     * @param dropped runnables; those that are not tasks' are ignored
     */
    public static void cancelDropped(Iterable<Runnable> dropped) {
        for (Runnable runnable : dropped) {
            if (runnable instanceof TaskFuture<?>.Runner runner) {
                runner.task().cancel(true);
            }
        }
    }

    private void run() {
        synchronized (this) {
            if (isDone()) {
                markEnded();
                return;
            }
            runner = Thread.currentThread();
        }
        try {
            complete(body.call());
        } catch (Throwable e) {
            completeExceptionally(e);
        } finally {
            synchronized (this) {
                runner = null;
            }
            markEnded();
        }
    }

    private void markEnded() {
        end.countDown();
    }

    /**
     * Waits at most {@code grace} for the body to return, as it does soon after a cancel when its code checks
     * for interruption.
     *
     * @param grace how long to wait
     * @return whether the body has returned (or will never run)
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitEnd(Duration grace) throws InterruptedException {
        return end.await(grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops counting the task as work of the cell that started it, though its body may still run: for a body
     * that ignored its cancellation, which nothing can stop, so that the cell can end instead of waiting for it.
     */
    public void release() {
        released = true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        synchronized (this) {
            if (cancelled && runner != null) {
                runner.interrupt();
            } else if (cancelled) {
                markEnded(); // the body has not started and, as run() checks isDone(), never will
            }
        }
        return cancelled;
    }

    /**
     * Describes a future for messages: {@code task "name"} for a task, {@code the task} for any other future.
     *
     * @param future a future
     * @return a short description
     */
    public static String describe(CompletableFuture<?> future) {
        return future instanceof TaskFuture<?> task ? "task \"" + task.name + "\"" : "the task";
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        return "task \"" + name + "\" " + super.toString().replaceFirst("^.*\\[", "[");
    }

    private final class Runner implements Runnable {
        @Override
        public void run() {
            TaskFuture.this.run();
        }

        TaskFuture<T> task() {
            return TaskFuture.this;
        }
    }

    private final class Tracked implements CellWork.Handle {
        @Override
        public boolean isDone() {
            return end.getCount() == 0 || released;
        }

        @Override
        public void cancel() {
            TaskFuture.this.cancel(true);
        }

        @Override
        public String description() {
            return "task \"" + name + "\"";
        }
    }
}

package org.jcn.tasks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcn.internal.cell.CellWork;
import org.jcn.internal.task.Gathering;
import org.jcn.internal.task.TaskFuture;

/**
 * Async tasks on virtual threads: the counterparts of Python's {@code asyncio.create_task}, {@code gather},
 * {@code sleep}, {@code wait_for} and {@code to_thread}.
 *
 * <p>A task is a {@link CompletableFuture} whose work runs on its own virtual thread; blocking in it (sleeping,
 * reading a socket) costs no platform thread, which is what {@code await} buys in Python. Unlike a plain
 * {@code CompletableFuture}, {@code cancel(true)} interrupts the task's thread. Every task is tracked for the
 * notebook cell that created it: in the project's Java kernel the cell waits for it, and interrupting the cell
 * cancels it. A failed task keeps the exception its work threw, with
 * its own stack trace: {@code get()} wraps it in an {@link ExecutionException}, {@code join()} in a
 * {@link java.util.concurrent.CompletionException}. All methods are thread safe.
 *
 * {@snippet :
 * CompletableFuture<String> first = Tasks.createTask(() -> fetchData(1));
 * CompletableFuture<String> second = Tasks.createTask(() -> fetchData(2));
 * List<String> results = Tasks.gatherFailFast(first, second);   // both ran at the same time
 * }
 *
 * <p>Longer than the house's ~150 lines: a facade: over half of it is API documentation, the rest delegates.
 */
public final class Tasks {

    private static final AtomicInteger TASKS = new AtomicInteger();
    private static final AtomicInteger OFFLOADS = new AtomicInteger();
    /** How long a cancelled task may take to leave its body before waitFor reports it as still running. */
    private static final Duration STOP_GRACE = Duration.ofMillis(200);

    private Tasks() {
    }

    /**
     * Starts the work on a new virtual thread, like {@code asyncio.create_task}. The task is named
     * {@code task-N}.
     *
     * @param work the work
     * @param <T> the type of its result
     * @return the running task
     * @throws NullPointerException if {@code work} is null
     */
    public static <T> CompletableFuture<T> createTask(Callable<? extends T> work) {
        Objects.requireNonNull(work, "work must not be null");
        return createTask("task-" + TASKS.incrementAndGet(), work);
    }

    /**
     * Starts the work on a new virtual thread, under a name shown in messages and thread dumps.
     *
     * @param name the task's name
     * @param work the work
     * @param <T> the type of its result
     * @return the running task
     * @throws NullPointerException if {@code name} or {@code work} is null
     */
    public static <T> CompletableFuture<T> createTask(String name, Callable<? extends T> work) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(work, "work must not be null");
        return TaskFuture.start(name, work, command -> Thread.ofVirtual().name(name).start(command));
    }

    /**
     * Waits for all tasks and returns how each ended, in order, like
     * {@code asyncio.gather(..., return_exceptions=True)}. A failed task does not stop the others.
     *
     * @param tasks the tasks
     * @param <T> the type of their values
     * @return one outcome per task, in the order given
     * @throws NullPointerException if {@code tasks} or one of them is null
     * @throws InterruptedException if the calling thread is interrupted while waiting; all tasks are cancelled
     */
    public static <T> List<Outcome<T>> gather(List<? extends CompletableFuture<? extends T>> tasks)
            throws InterruptedException {
        return Gathering.outcomes(tasks);
    }

    /**
     * Waits for all tasks and returns how each ended; see {@link #gather(List)}.
     *
     * @param tasks the tasks
     * @param <T> the type of their values
     * @return one outcome per task, in the order given
     * @throws NullPointerException if {@code tasks} or one of them is null
     * @throws InterruptedException if the calling thread is interrupted while waiting; all tasks are cancelled
     */
    @SafeVarargs
    public static <T> List<Outcome<T>> gather(CompletableFuture<? extends T>... tasks) throws InterruptedException {
        return Gathering.outcomes(asList(tasks));
    }

    /**
     * Waits for all tasks and returns their values in order; as soon as one fails, cancels the others and
     * throws that failure, like {@code asyncio.gather} inside a {@code TaskGroup}.
     *
     * @param tasks the tasks
     * @param <T> the type of their values
     * @return the values, in the order given
     * @throws NullPointerException if {@code tasks} or one of them is null
     * @throws ExecutionException if a task failed; its cause is the exception the task threw
     * @throws java.util.concurrent.CancellationException if a task was cancelled
     * @throws InterruptedException if the calling thread is interrupted while waiting; all tasks are cancelled
     */
    public static <T> List<T> gatherFailFast(List<? extends CompletableFuture<? extends T>> tasks)
            throws ExecutionException, InterruptedException {
        return Gathering.failFast(tasks);
    }

    /**
     * Waits for all tasks and returns their values, failing fast; see {@link #gatherFailFast(List)}.
     *
     * @param tasks the tasks
     * @param <T> the type of their values
     * @return the values, in the order given
     * @throws NullPointerException if {@code tasks} or one of them is null
     * @throws ExecutionException if a task failed; its cause is the exception the task threw
     * @throws java.util.concurrent.CancellationException if a task was cancelled
     * @throws InterruptedException if the calling thread is interrupted while waiting; all tasks are cancelled
     */
    @SafeVarargs
    public static <T> List<T> gatherFailFast(CompletableFuture<? extends T>... tasks)
            throws ExecutionException, InterruptedException {
        return Gathering.failFast(asList(tasks));
    }

    /**
     * Pauses the calling thread, like {@code asyncio.sleep}. On a virtual thread this frees its carrier thread.
     *
     * @param duration how long to sleep; zero returns at once
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws InterruptedException if the calling thread is interrupted (a cancelled task is)
     */
    public static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(checkDuration("duration", duration));
    }

    /**
     * Waits at most {@code timeout} for the task's value, like {@code asyncio.wait_for}. If the time runs out
     * or the caller is interrupted, the task is cancelled.
     *
     * <p>Cancelling a task interrupts its thread; work that checks for interruption (a blocking call, a sleep, a
     * loop that tests {@link Thread#interrupted()}) then ends. Code that never checks can't be stopped from
     * outside: if the task is still running 200 ms after the cancel, the {@code TimeoutException} says so, and the
     * notebook cell that started it no longer waits for it. It runs on, keeping its thread (and a core, while it
     * computes), until it returns.
     *
     * @param task the task
     * @param timeout the longest wait
     * @param <T> the type of its value
     * @return the task's value
     * @throws NullPointerException if {@code task} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TimeoutException if the task did not finish within {@code timeout}; it has been cancelled, and the
     *         message says whether it is still running
     * @throws ExecutionException if the task failed; its cause is the exception the task threw
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static <T> T waitFor(CompletableFuture<T> task, Duration timeout)
            throws TimeoutException, ExecutionException, InterruptedException {
        Objects.requireNonNull(task, "task must not be null");
        checkDuration("timeout", timeout);
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            TimeoutException timedOut = new TimeoutException(TaskFuture.describe(task) + " did not finish within "
                    + timeout + stillRunning(task));
            timedOut.initCause(e);
            throw timedOut;
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        }
    }

    /** How a cancelled task ended, for the timeout's message; releases one that goes on from its cell. */
    private static String stillRunning(CompletableFuture<?> task) throws InterruptedException {
        if (!(task instanceof TaskFuture<?> running) || running.awaitEnd(STOP_GRACE)) {
            return " and was cancelled";
        }
        running.release();
        return "; it was cancelled but is still running: its code never checks for interruption (no blocking"
                + " call, no Thread.interrupted() test), so nothing can stop it from outside. It keeps its thread,"
                + " and a core while it computes, until it returns; its cell no longer waits for it";
    }

    /**
     * Starts the work as a task and waits at most {@code timeout} for it; see
     * {@link #waitFor(CompletableFuture, Duration)}.
     *
     * @param work the work
     * @param timeout the longest wait
     * @param <T> the type of its value
     * @return the work's value
     * @throws NullPointerException if {@code work} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TimeoutException if the work did not finish within {@code timeout}; it has been cancelled, and the
     *         message says whether it is still running
     * @throws ExecutionException if the work failed; its cause is the exception the work threw
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static <T> T waitFor(Callable<? extends T> work, Duration timeout)
            throws TimeoutException, ExecutionException, InterruptedException {
        Objects.requireNonNull(work, "work must not be null");
        checkDuration("timeout", timeout);
        return waitFor(createTask(work), timeout);
    }

    /**
     * Runs blocking work on a new platform thread and returns at once, like {@code asyncio.to_thread}: an
     * event-loop style executor (one thread serving many tasks) stays free while the work blocks. The thread
     * is a daemon named {@code to-thread-N}.
     *
     * @param work the blocking work
     * @param <T> the type of its result
     * @return the work's future; {@code cancel(true)} interrupts it
     * @throws NullPointerException if {@code work} is null
     */
    public static <T> CompletableFuture<T> toThread(Callable<? extends T> work) {
        Objects.requireNonNull(work, "work must not be null");
        String name = "to-thread-" + OFFLOADS.incrementAndGet();
        return TaskFuture.start(name, work, command -> Thread.ofPlatform().name(name).daemon().start(command));
    }

    private static Duration checkDuration(String name, Duration duration) {
        Objects.requireNonNull(duration, name + " must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + duration);
        }
        return duration;
    }

    @SafeVarargs
    private static <T> List<T> asList(T... tasks) {
        Objects.requireNonNull(tasks, "tasks must not be null");
        return Arrays.asList(tasks);
    }
}

package org.jcn.processes;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jcn.internal.process.ChildJvm;
import org.jcn.internal.process.ChildLimit;
import org.jcn.internal.process.ChildTasks;

/**
 * A task running in a child JVM of its own, the Java form of Python's {@code multiprocessing.Process}.
 *
 * <p>{@code start} launches a fresh JVM with the same {@code java} binary and class path as the caller, sends it
 * the target and its argument (both serialized), and returns at once; {@link #join()} waits until the child has
 * finished and returns the target's result. The target may be a lambda or method defined in an earlier notebook
 * cell: the child fetches the class files of cell classes from the calling JVM as it needs them.
 *
 * <p>The child shares no memory with the caller. It gets <em>fresh statics</em>, like Python's "spawn" start
 * method: fields and top-level variables of earlier cells have their default values (null, 0) in the child, not
 * the values they have in the caller; pass what the target needs as its argument or capture it in the lambda.
 * A target from a notebook cell that reads a top-level variable of an earlier cell (and does not set it) while the
 * variable's value here is not its default is refused before any child starts, with a message that names the
 * variable; a {@code NullPointerException} a child still runs into on such a variable says so too.
 * What the child prints appears in the calling cell as it is printed; {@code join} returns after all of it has.
 *
 * <p>Lifecycle: the child exits by itself after the target returns or throws, and also when the calling JVM
 * exits or is killed. {@link #close()} destroys it if it is still running. Interrupting a thread waiting in
 * {@code join} destroys the child. Thread safe.
 *
 * <p>Child JVMs are capped per kernel (per calling JVM), for {@code ChildProcess}, {@link ProcessPool} and sweeps
 * alike: at most {@link #limit()} run at once, by default 8 per core and at least 16 (each is a JVM of some 40 MB).
 * A start over the cap fails before anything starts, with a message naming the cap; raise it with the system
 * property {@code jcn.maxChildJvms} (also from a cell: {@code System.setProperty("jcn.maxChildJvms", "64")}) or
 * the environment variable {@code JCN_MAX_CHILD_JVMS}. A start that the operating system refuses names the likely
 * cause: a process limit ({@code ulimit -u}, a control group's {@code pids.max}) or a memory limit.
 *
 * {@snippet :
 * ChildProcess<Integer> child = ChildProcess.start(n -> n * n, 10);
 * int square = child.join();   // 100
 * }
 *
 * @param <R> the target's result type ({@code Void} for a {@link SerializableRunnable})
 *
 * <p>Longer than the house's ~150 lines: its API documentation is some 40% of it; the code is one start, one wait
 * and their checks.
 */
public final class ChildProcess<R> implements AutoCloseable {

    private final ChildJvm jvm;
    private final CompletableFuture<Object> result;

    private ChildProcess(ChildJvm jvm, CompletableFuture<Object> result) {
        this.jvm = jvm;
        this.result = result;
    }

    /**
     * Starts a child JVM that runs {@code target.apply(argument)}.
     *
     * @param target the function to run; a lambda or method reference, which may capture serializable values
     * @param argument the function's argument, serialized and sent to the child; may be null
     * @return the running child
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalStateException if {@link #limit()} child JVMs are running already; nothing is started
     * @throws IllegalArgumentException if the target or the argument can't be serialized (the message names the
     *         class that can't), or the target reads a top-level variable of an earlier notebook cell that the child
     *         would see unset (the message names it)
     * @throws ChildProcessException if the child JVM can't be started, for instance because the java binary is
     *         missing (the message names its path)
     */
    public static <T, R> ChildProcess<R> start(SerializableFunction<? super T, ? extends R> target, T argument) {
        Objects.requireNonNull(target, "target must not be null");
        return launch(target, java.util.Collections.singletonList(argument));
    }

    /**
     * Starts a child JVM that runs {@code target.call()}.
     *
     * @param target the task to run, which may capture serializable values
     * @return the running child
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalStateException if {@link #limit()} child JVMs are running already; nothing is started
     * @throws IllegalArgumentException if the target can't be serialized (the message names the class that can't),
     *         or reads a top-level variable of an earlier notebook cell that the child would see unset
     * @throws ChildProcessException if the child JVM can't be started
     */
    public static <R> ChildProcess<R> start(SerializableCallable<? extends R> target) {
        Objects.requireNonNull(target, "target must not be null");
        return launch(target, List.of());
    }

    /**
     * Starts a child JVM that runs {@code target.run()}; {@link #join()} then returns null.
     *
     * @param target the task to run, which may capture serializable values
     * @return the running child
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalStateException if {@link #limit()} child JVMs are running already; nothing is started
     * @throws IllegalArgumentException if the target can't be serialized (the message names the class that can't),
     *         or reads a top-level variable of an earlier notebook cell that the child would see unset
     * @throws ChildProcessException if the child JVM can't be started
     */
    public static ChildProcess<Void> start(SerializableRunnable target) {
        Objects.requireNonNull(target, "target must not be null");
        return launch(target, List.of());
    }

    private static <R> ChildProcess<R> launch(Object target, List<?> argument) {
        ChildTasks.Started started = ChildTasks.start(target, argument);
        return new ChildProcess<>(started.jvm(), started.result());
    }

    /**
     * The most child JVMs that may run at once in this JVM: the system property {@code jcn.maxChildJvms} if set,
     * else the environment variable {@code JCN_MAX_CHILD_JVMS}, else 8 per core and at least 16.
     *
     * {@snippet :
     * ChildProcess.limit();                              // 16 on a 2-core machine
     * System.setProperty("jcn.maxChildJvms", "64");     // raises it for the next start
     * }
     *
     * @return the cap now
     * @throws IllegalArgumentException if the property or the variable is not a whole number of at least 1
     */
    public static int limit() {
        return ChildLimit.max();
    }

    /** @return how many child JVMs of this JVM are running or starting now (those of pools and sweeps too) */
    public static int running() {
        return ChildLimit.running();
    }

    /** The child's process id. */
    public long pid() {
        return jvm.pid();
    }

    /** Whether the child JVM is still running. */
    public boolean isAlive() {
        return jvm.isAlive();
    }

    /**
     * Waits until the child has finished and returns the target's result.
     *
     * @return the result; null for a {@link SerializableRunnable}
     * @throws InterruptedException if the waiting thread is interrupted; the child is destroyed first
     * @throws ChildProcessException if the target threw (the cause is what it threw, stack trace included), or
     *         the child exited or was killed before it returned a result (with its exit code and stderr)
     */
    public R join() throws InterruptedException {
        return await(Long.MAX_VALUE, null);
    }

    /**
     * Waits at most {@code timeout} until the child has finished and returns the target's result; a child
     * still running then is destroyed.
     *
     * @param timeout how long to wait
     * @return the result; null for a {@link SerializableRunnable}
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws InterruptedException if the waiting thread is interrupted; the child is destroyed first
     * @throws ChildProcessException if the child did not finish within the timeout (the message names it), or
     *         as for {@link #join()}
     */
    public R join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
        }
        return await(saturatedNanos(timeout), timeout);
    }

    @SuppressWarnings("unchecked")
    private R await(long nanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        try {
            Object value;
            ChildProcessException failure = null;
            try {
                value = result.get(nanos, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                value = null;
                failure = e.getCause() instanceof ChildProcessException c ? c
                        : new ChildProcessException("child JVM pid " + pid() + " failed: " + e.getCause(), e.getCause());
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!jvm.awaitExit(Math.max(1, left))) {
                throw new TimeoutException();
            }
            if (failure != null) {
                throw failure;
            }
            return (R) value;
        } catch (InterruptedException e) {
            jvm.destroy("the thread waiting for it was interrupted");
            throw e;
        } catch (TimeoutException e) {
            jvm.destroy("timeout of " + describe(timeout) + " exceeded");
            throw new ChildProcessException("child JVM pid " + pid() + " did not finish within the timeout of "
                    + describe(timeout) + "; it was destroyed", null);
        }
    }

    /** Destroys the child if it is still running, and waits until it is gone. Idempotent. */
    @Override
    public void close() {
        if (jvm.isAlive()) {
            jvm.destroy("closed");
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[pid " + pid() + (isAlive() ? ", running]" : ", finished]");
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static String describe(Duration timeout) {
        if (timeout == null) {
            return "none";
        }
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}

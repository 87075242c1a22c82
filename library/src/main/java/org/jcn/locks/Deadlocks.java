package org.jcn.locks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs threads that might deadlock and reports the deadlock instead of hanging.
 *
 * <p>{@link #watch} starts each body on its own named platform thread and asks the JVM every few milliseconds
 * whether any of them are in a deadlock cycle ({@link ThreadMXBean#findDeadlockedThreads()}, which sees both
 * {@code synchronized} monitors and {@code java.util.concurrent} locks). On a deadlock it records who waits for
 * which lock held by whom, then interrupts the threads: threads waiting in
 * {@link java.util.concurrent.locks.Lock#lockInterruptibly()} give up and end, so the deadlock is broken; threads
 * blocked on a {@code synchronized} monitor cannot be interrupted, and the report says so. Threads that neither
 * finish nor deadlock within the limit are interrupted too; the report names those that ignore the interrupt
 * (code that never checks for it keeps running, and keeps its core busy). It returns when every thread has ended,
 * or after a grace time of 2 s with the names of those still running. Thread safe.
 *
 * {@snippet :
 * DeadlockReport report = Deadlocks.watch(Duration.ofSeconds(5),
 *         () -> transfer(a, b), () -> transfer(b, a));
 * report.deadlocked();   // true when the two transfers locked each other out
 * }
 */
public final class Deadlocks {

    private static final long POLL_MILLIS = 10;
    private static final long JOIN_MILLIS = 2_000;

    private Deadlocks() {
    }

    /**
     * Runs the bodies on threads named {@code worker-1}, {@code worker-2}, … and watches them.
     *
     * @param limit  how long to wait for the threads to finish or deadlock, positive
     * @param bodies what each thread runs, at least two
     * @return what happened
     * @throws NullPointerException     if {@code limit}, {@code bodies} or a body is null
     * @throws IllegalArgumentException if {@code limit} is not positive or fewer than two bodies are given
     * @throws InterruptedException     if the calling thread is interrupted; the watched threads are interrupted too
     */
    public static DeadlockReport watch(Duration limit, Runnable... bodies) throws InterruptedException {
        Objects.requireNonNull(limit, "limit must not be null");
        Objects.requireNonNull(bodies, "bodies must not be null");
        if (limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException("limit must be positive but was " + limit);
        }
        if (bodies.length < 2) {
            throw new IllegalArgumentException("a deadlock needs at least 2 threads but " + bodies.length
                    + " body was given");
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            Runnable body = Objects.requireNonNull(bodies[i], "bodies[" + i + "] must not be null");
            threads.add(Thread.ofPlatform().name("worker-" + (i + 1)).daemon(true).unstarted(body));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        try {
            while (true) {
                if (threads.stream().noneMatch(Thread::isAlive)) {
                    return new DeadlockReport(DeadlockReport.Outcome.FINISHED, List.of(), since(start), List.of());
                }
                List<DeadlockReport.Wait> cycle = cycle(mx, threads);
                if (!cycle.isEmpty()) {
                    Duration after = since(start);
                    List<String> left = stop(threads);
                    return new DeadlockReport(left.isEmpty() ? DeadlockReport.Outcome.DEADLOCK_BROKEN
                            : DeadlockReport.Outcome.DEADLOCK_STUCK, cycle, after, left);
                }
                if (System.nanoTime() - start > limit.toNanos()) {
                    Duration after = since(start);
                    return new DeadlockReport(DeadlockReport.Outcome.TIMED_OUT, List.of(), after, stop(threads));
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
    }

    /** The waits of our threads that are in a deadlock cycle, or an empty list. */
    private static List<DeadlockReport.Wait> cycle(ThreadMXBean mx, List<Thread> threads) {
        long[] deadlocked = mx.findDeadlockedThreads();
        if (deadlocked == null) {
            return List.of();
        }
        Map<Long, Thread> ours = threads.stream().collect(Collectors.toMap(Thread::threadId, Function.identity()));
        long[] mine = Arrays.stream(deadlocked).filter(ours::containsKey).toArray();
        if (mine.length == 0) {
            return List.of();
        }
        List<DeadlockReport.Wait> waits = new ArrayList<>();
        for (ThreadInfo info : mx.getThreadInfo(mine)) {
            if (info != null) {
                waits.add(new DeadlockReport.Wait(info.getThreadName(), shortLockName(info.getLockName()),
                        info.getLockOwnerName()));
            }
        }
        return waits;
    }

    /**
     * {@code java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586} reads as {@code ReentrantLock@1b6d3586}:
     * the package and the lock's internal synchronizer class say nothing to a reader.
     */
    static String shortLockName(String lockName) {
        if (lockName == null) {
            return "";
        }
        int at = lockName.indexOf('@');
        String type = at < 0 ? lockName : lockName.substring(0, at);
        String identity = at < 0 ? "" : lockName.substring(at);
        type = type.substring(type.lastIndexOf('.') + 1);
        int inner = type.indexOf('$');
        return (inner > 0 ? type.substring(0, inner) : type) + identity;
    }

    /** Interrupts the threads and waits a little for them; returns the names of those still alive. */
    private static List<String> stop(List<Thread> threads) throws InterruptedException {
        threads.forEach(Thread::interrupt);
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

package org.jcn.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DeadlocksTest {

    /** Two threads take two locks in opposite orders; the latch makes sure each holds its first lock. */
    private static Runnable[] oppositeOrder(Lock a, Lock b) {
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        return new Runnable[] {() -> takeBoth(a, b, bothHoldOne), () -> takeBoth(b, a, bothHoldOne)};
    }

    private static void takeBoth(Lock first, Lock second, CountDownLatch bothHoldOne) {
        try {
            first.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                second.lockInterruptibly();
                second.unlock();
            } finally {
                first.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live worker threads, leaving out those another test left stuck on purpose (see the monitor test). */
    private static Set<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("worker-")).collect(Collectors.toSet());
    }

    @Test
    void aLockOrderDeadlockIsFoundReportedAndBroken() throws Exception {
        Set<Thread> before = workers();
        DeadlockReport report = Deadlocks.watch(Duration.ofSeconds(10), oppositeOrder(new ReentrantLock(), new ReentrantLock()));
        assertEquals(DeadlockReport.Outcome.DEADLOCK_BROKEN, report.outcome());
        assertTrue(report.deadlocked());
        assertEquals(2, report.waits().size());
        DeadlockReport.Wait first = report.waits().get(0);
        assertTrue(first.waitsFor().startsWith("ReentrantLock@"), first.toString());
        assertTrue(Set.of("worker-1", "worker-2").contains(first.heldBy()), first.toString());
        assertFalse(first.thread().equals(first.heldBy()));
        assertEquals(2, report.toTable().rowCount());
        assertEquals(before, workers(), "threads still alive");
        assertEquals(List.of(), report.stillRunning());
    }

    @Test
    void threadsThatTakeLocksInOneOrderFinish() throws Exception {
        Lock a = new ReentrantLock();
        Lock b = new ReentrantLock();
        CountDownLatch none = new CountDownLatch(0);
        DeadlockReport report = Deadlocks.watch(Duration.ofSeconds(10), () -> takeBoth(a, b, none), () -> takeBoth(a, b, none));
        assertEquals(DeadlockReport.Outcome.FINISHED, report.outcome());
        assertFalse(report.deadlocked());
        assertTrue(report.waits().isEmpty());
    }

    @Test
    void aMonitorDeadlockIsReportedAsStuck() throws Exception {
        Object a = new Object();
        Object b = new Object();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Runnable ab = () -> monitors(a, b, bothHoldOne);
        Runnable ba = () -> monitors(b, a, bothHoldOne);
        DeadlockReport report = Deadlocks.watch(Duration.ofSeconds(10), ab, ba);
        assertEquals(DeadlockReport.Outcome.DEADLOCK_STUCK, report.outcome());
        assertTrue(report.toString().contains("no interrupt can break"), report.toString());
        assertEquals(2, report.stillRunning().size());
        // The two daemon threads stay blocked for the rest of this JVM: that is the lesson.
    }

    private static void monitors(Object first, Object second, CountDownLatch bothHoldOne) {
        synchronized (first) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                second.hashCode();
            }
        }
    }

    @Test
    void threadsThatNeverFinishTimeOutAndAreInterrupted() throws Exception {
        Runnable sleeper = () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Set<Thread> before = workers();
        DeadlockReport report = Deadlocks.watch(Duration.ofMillis(200), sleeper, sleeper);
        assertEquals(DeadlockReport.Outcome.TIMED_OUT, report.outcome());
        assertEquals(before, workers(), "threads still alive");
        assertEquals(List.of(), report.stillRunning());
        assertTrue(report.toString().endsWith("the threads were interrupted and have ended"), report.toString());
    }

    @Test
    void busyThreadsThatIgnoreTheInterruptAreReportedAsStillRunning() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Runnable spinner = () -> {
            long spins = 0;
            while (!stop.get()) {
                spins++; // never looks at the interrupt flag
            }
            Blackhole.consume(spins);
        };
        Set<Thread> before = workers();
        try {
            DeadlockReport report = Deadlocks.watch(Duration.ofMillis(200), spinner, spinner);
            assertEquals(DeadlockReport.Outcome.TIMED_OUT, report.outcome());
            assertEquals(List.of("worker-1", "worker-2"), report.stillRunning());
            assertTrue(report.toString().contains("but worker-1, worker-2 are still running"), report.toString());
            assertTrue(report.toString().contains("never checks for interruption"), report.toString());
        } finally {
            stop.set(true);
            Set<Thread> spinners = workers();
            spinners.removeAll(before);
            for (Thread t : spinners) {
                t.join();
            }
        }
    }

    /** Keeps a loop's result alive, so the JIT can't drop the loop. */
    private static final class Blackhole {
        static volatile long sink;

        static void consume(long value) {
            sink = value;
        }
    }

    @Test
    void lockNamesLoseTheirPackageAndSynchronizerClass() {
        assertEquals("ReentrantLock@1b6d3586",
                Deadlocks.shortLockName("java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586"));
        assertEquals("Object@7a81197d", Deadlocks.shortLockName("java.lang.Object@7a81197d"));
        assertEquals("", Deadlocks.shortLockName(null));
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("limit must be positive but was PT0S", assertThrows(IllegalArgumentException.class,
                () -> Deadlocks.watch(Duration.ZERO, () -> { }, () -> { })).getMessage());
        assertEquals("a deadlock needs at least 2 threads but 1 body was given", assertThrows(
                IllegalArgumentException.class, () -> Deadlocks.watch(Duration.ofSeconds(1), () -> { })).getMessage());
        assertEquals("bodies[1] must not be null", assertThrows(NullPointerException.class,
                () -> Deadlocks.watch(Duration.ofSeconds(1), () -> { }, null)).getMessage());
    }
}

package org.jcn.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jcn.internal.cell.CellWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TasksTest {

    /** Work that blocks until interrupted and then records that it was. */
    private static final class Blocker implements Callable<String> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String call() {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
                return "slept";
            } catch (InterruptedException e) {
                interrupted.countDown();
                return "interrupted";
            }
        }

        boolean wasInterrupted() throws InterruptedException {
            return interrupted.await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void createTaskRunsTheWorkOnANamedVirtualThread() throws Exception {
        CompletableFuture<Thread> task = Tasks.createTask(Thread::currentThread);
        Thread thread = task.get();
        assertTrue(thread.isVirtual());
        assertTrue(thread.getName().matches("task-\\d+"), thread.getName());

        assertEquals("fetch", Tasks.createTask("fetch", () -> Thread.currentThread().getName()).get());
    }

    @Test
    void aFailedTaskKeepsTheExceptionItsWorkThrew() {
        IOException failure = new IOException("no network");
        CompletableFuture<String> task = Tasks.createTask(() -> {
            throw failure;
        });
        ExecutionException e = assertThrows(ExecutionException.class, task::get);
        assertSame(failure, e.getCause());
        assertEquals("TasksTest.java", failure.getStackTrace()[0].getFileName());
    }

    @Test
    void cancellingATaskInterruptsItsThread() throws Exception {
        Blocker blocker = new Blocker();
        CompletableFuture<String> task = Tasks.createTask(blocker);
        blocker.started.await();

        assertTrue(task.cancel(true));

        assertTrue(blocker.wasInterrupted());
        assertTrue(task.isCancelled());
    }

    @Test
    void gatherReturnsEveryOutcomeInOrder() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Integer> slow = Tasks.createTask(() -> {
            Tasks.sleep(Duration.ofMillis(100));
            return 1;
        });
        CompletableFuture<Integer> failing = Tasks.createTask(() -> {
            throw boom;
        });
        CompletableFuture<Integer> fast = Tasks.createTask(() -> 3);
        Blocker blocker = new Blocker();
        CompletableFuture<String> cancelled = Tasks.createTask(blocker);
        cancelled.cancel(true);

        List<Outcome<Object>> outcomes = Tasks.gather(slow, failing, fast, cancelled);

        assertEquals(Outcome.success(1), outcomes.get(0));
        assertSame(boom, outcomes.get(1).exception());
        assertEquals(Outcome.success(3), outcomes.get(2));
        assertInstanceOf(CancellationException.class, outcomes.get(3).exception());
        assertEquals(outcomes.subList(0, 3), Tasks.gather(List.of(slow, failing, fast)));
    }

    @Test
    void gatherFailFastReturnsValuesInOrder() throws Exception {
        CompletableFuture<String> slow = Tasks.createTask(() -> {
            Tasks.sleep(Duration.ofMillis(100));
            return "slow";
        });
        CompletableFuture<String> fast = Tasks.createTask(() -> "fast");

        assertEquals(List.of("slow", "fast"), Tasks.gatherFailFast(slow, fast));
        assertEquals(List.of("slow", "fast"), Tasks.gatherFailFast(List.of(slow, fast)));
    }

    @Test
    void gatherFailFastThrowsTheFirstFailureAndCancelsTheRest() throws Exception {
        Blocker blocker = new Blocker();
        CompletableFuture<String> blocked = Tasks.createTask(blocker);
        blocker.started.await();
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<String> failing = Tasks.createTask(() -> {
            throw boom;
        });

        ExecutionException e = assertThrows(ExecutionException.class, () -> Tasks.gatherFailFast(blocked, failing));

        assertSame(boom, e.getCause());
        assertTrue(blocker.wasInterrupted());
        assertTrue(blocked.isCancelled());
    }

    @Test
    void interruptingAGatherCancelsItsTasks() throws Exception {
        for (boolean failFast : new boolean[] {false, true}) {
            Blocker blocker = new Blocker();
            CompletableFuture<String> blocked = Tasks.createTask(blocker);
            blocker.started.await();

            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class,
                    () -> {
                        if (failFast) {
                            Tasks.gatherFailFast(blocked);
                        } else {
                            Tasks.gather(blocked);
                        }
                    });

            assertTrue(blocker.wasInterrupted());
            assertTrue(blocked.isCancelled());
        }
    }

    @Test
    void waitForReturnsTheValueInTime() throws Exception {
        assertEquals(42, Tasks.waitFor(() -> 42, Duration.ofSeconds(5)));
        assertEquals("ok", Tasks.waitFor(Tasks.createTask(() -> "ok"), Duration.ofSeconds(5)));
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> Tasks.waitFor(new CompletableFuture<Integer>(), Duration.ZERO));
        assertEquals("the task did not finish within PT0S and was cancelled", e.getMessage());
    }

    @Test
    void waitForCancelsATaskThatRunsTooLong() throws Exception {
        Blocker blocker = new Blocker();
        CompletableFuture<String> task = Tasks.createTask("slow-download", blocker);

        TimeoutException e = assertThrows(TimeoutException.class, () -> Tasks.waitFor(task, Duration.ofMillis(50)));

        assertEquals("task \"slow-download\" did not finish within PT0.05S and was cancelled", e.getMessage());
        assertTrue(task.isCancelled());
        assertTrue(blocker.wasInterrupted());
    }

    @Test
    void waitForReturnsAtTheTimeoutAndSaysWhenTheWorkIgnoresTheCancelAndRunsOn() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean loopEnded = new AtomicBoolean();
        CompletableFuture<Long> spinner = Tasks.createTask("spinner", () -> {
            long spins = 0;
            while (!stop.get()) {
                spins++; // never looks at the interrupt flag
            }
            loopEnded.set(true);
            return spins;
        });
        try {
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> Tasks.waitFor(spinner, Duration.ofMillis(50)));
            assertFalse(loopEnded.get(), "waitFor waited for the loop");
            assertTrue(e.getMessage().startsWith("task \"spinner\" did not finish within PT0.05S; it was cancelled"
                    + " but is still running: its code never checks for interruption"), e.getMessage());
            assertFalse(CellWork.running().contains("task \"spinner\""), "its cell still waits for it");
        } finally {
            stop.set(true);
        }
        assertThrows(CancellationException.class, spinner::join);
        while (!loopEnded.get()) {
            Thread.onSpinWait();
        }
    }

    @Test
    void waitForPassesOnTheWorksFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        ExecutionException e = assertThrows(ExecutionException.class, () -> Tasks.waitFor(() -> {
            throw boom;
        }, Duration.ofSeconds(5)));
        assertSame(boom, e.getCause());
    }

    @Test
    void toThreadRunsBlockingWorkOnAPlatformDaemonThread() throws Exception {
        Thread thread = Tasks.toThread(Thread::currentThread).get();
        assertFalse(thread.isVirtual());
        assertTrue(thread.isDaemon());
        assertTrue(thread.getName().matches("to-thread-\\d+"), thread.getName());
    }

    @Test
    void sleepReturnsAtOnceForZeroAndIsInterruptible() throws Exception {
        Tasks.sleep(Duration.ZERO);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Tasks.sleep(Duration.ofMinutes(1)));
    }

    @Test
    void rejectsNullArguments() {
        assertMessage(NullPointerException.class, "work must not be null", () -> Tasks.createTask(null));
        assertMessage(NullPointerException.class, "name must not be null", () -> Tasks.createTask(null, () -> 1));
        assertMessage(NullPointerException.class, "work must not be null", () -> Tasks.createTask("n", null));
        assertMessage(NullPointerException.class, "work must not be null", () -> Tasks.toThread(null));
        assertMessage(NullPointerException.class, "duration must not be null", () -> Tasks.sleep(null));
        assertMessage(NullPointerException.class, "task must not be null",
                () -> Tasks.waitFor((CompletableFuture<Integer>) null, Duration.ZERO));
        assertMessage(NullPointerException.class, "work must not be null",
                () -> Tasks.waitFor((Callable<Integer>) null, Duration.ZERO));
        assertMessage(NullPointerException.class, "timeout must not be null",
                () -> Tasks.waitFor(() -> 1, null));
        assertMessage(NullPointerException.class, "tasks must not be null",
                () -> Tasks.gather((List<CompletableFuture<Integer>>) null));
        assertMessage(NullPointerException.class, "tasks must not be null",
                () -> Tasks.gatherFailFast((CompletableFuture<Integer>[]) null));
        CompletableFuture<Integer> done = CompletableFuture.completedFuture(1);
        assertMessage(NullPointerException.class, "tasks[1] must not be null",
                () -> Tasks.gather(Arrays.asList(done, null)));
        assertMessage(NullPointerException.class, "tasks[0] must not be null",
                () -> Tasks.gatherFailFast(Arrays.asList(null, done)));
    }

    @Test
    void rejectsNegativeDurations() {
        Duration negative = Duration.ofSeconds(-1);
        assertMessage(IllegalArgumentException.class, "duration must be >= 0 but was PT-1S", () -> Tasks.sleep(negative));
        assertMessage(IllegalArgumentException.class, "timeout must be >= 0 but was PT-1S",
                () -> Tasks.waitFor(() -> 1, negative));
        assertMessage(IllegalArgumentException.class, "timeout must be >= 0 but was PT-1S",
                () -> Tasks.waitFor(CompletableFuture.completedFuture(1), negative));
    }

    private static void assertMessage(Class<? extends Throwable> type, String message, Executable call) {
        Throwable e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }
}

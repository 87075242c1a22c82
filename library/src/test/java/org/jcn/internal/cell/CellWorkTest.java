package org.jcn.internal.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jcn.internal.Kernels;
import org.jcn.testing.WorkStarter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CellWorkTest {

    @BeforeEach
    @AfterEach
    void nothingRunning() {
        assertEquals(List.of(), CellWork.cancelAll(Duration.ofSeconds(5)));
        assertEquals(List.of(), CellWork.running());
    }

    @ParameterizedTest
    @EnumSource(WorkStarter.class)
    void workIsTrackedWhileItRunsAndForgottenOnceDone(WorkStarter starter) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        WorkStarter.Started work = starter.start(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        started.await();

        List<String> running = CellWork.running();
        assertEquals(1, running.size(), running::toString);
        assertTrue(running.getFirst().startsWith(starter.descriptionPrefix()), running::toString);

        release.countDown();
        work.await();
        CellWork.awaitAll();
        assertEquals(List.of(), CellWork.running());
    }

    @ParameterizedTest
    @EnumSource(WorkStarter.class)
    void awaitAllReturnsOnlyOnceTheWorkHasEnded(WorkStarter starter) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        WorkStarter.Started work = starter.start(() -> {
            started.countDown();
            sleepQuietly(Duration.ofMillis(200));
            ended.set(true);
        });
        started.await();

        CellWork.awaitAll();

        assertTrue(ended.get());
        work.await();
    }

    @ParameterizedTest
    @EnumSource(WorkStarter.class)
    void cancellingInterruptsTheWorkAndLeavesNothingRunning(WorkStarter starter) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<Thread> runner = new AtomicReference<>();
        WorkStarter.Started work = starter.start(() -> {
            runner.set(Thread.currentThread());
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        started.await();

        List<String> stillRunning = CellWork.cancelAll(Duration.ofSeconds(5));

        assertEquals(List.of(), stillRunning);
        assertTrue(interrupted.get(), "the work was not interrupted");
        assertEquals(List.of(), CellWork.running());
        work.await();
        if (starter == WorkStarter.PLATFORM_THREAD || starter == WorkStarter.VIRTUAL_THREAD
                || starter == WorkStarter.TASK || starter == WorkStarter.TO_THREAD) {
            runner.get().join(Duration.ofSeconds(5));
            assertEquals(Thread.State.TERMINATED, runner.get().getState());
        }
    }

    @ParameterizedTest
    @EnumSource(WorkStarter.class)
    void awaitAllCancelsTheWorkWhenTheWaiterIsInterrupted(WorkStarter starter) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch exited = new CountDownLatch(1);
        WorkStarter.Started work = starter.start(() -> {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                // expected
            } finally {
                exited.countDown();
            }
        });
        started.await();

        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, CellWork::awaitAll);

        assertFalse(Thread.currentThread().isInterrupted());
        assertTrue(exited.await(5, TimeUnit.SECONDS), "the work kept running");
        work.await();
    }

    @Test
    void finishedWorkIsSweptSoTheRegistryStaysSmall() throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            CellWork.track(new FixedHandle(true));
        }
        CellWork.track(new FixedHandle(false));

        assertEquals(List.of("fixed"), CellWork.running());
        CellWork.cancelAll(Duration.ZERO);
    }

    @Test
    void workIsKeptPerOwnerWhenTheKernelNamesOwners() {
        Object first = "cell 1";
        Object second = "cell 2";
        AtomicReference<Object> owner = new AtomicReference<>(first);
        CellRegistry cells = new CellRegistry(owner::get); // as CellWork's, with the kernel's owner function
        CellWork.Handle a = new FixedHandle(false);
        cells.track(a);
        owner.set(second);
        CellWork.Handle b = new FixedHandle(false);
        cells.track(b);

        assertEquals(List.of(a), cells.unfinished(first));
        assertEquals(List.of(b), cells.unfinished(second));
        assertEquals(List.of(), cells.cancel(first, Duration.ZERO));
        assertTrue(a.isDone());
        assertFalse(b.isDone(), "cancelling one cell's work leaves another's running");
        cells.forget(first);
        assertEquals(List.of(), cells.unfinished(first));
        assertEquals(List.of("fixed"), cells.running(), "the calling thread's owner is now the second cell");
        cells.cancel(second, Duration.ZERO);
        cells.forget(second);
        assertEquals(List.of(), CellWork.running(), "the JVM's own registry saw none of it");
    }

    @Test
    void outsideTheProjectsKernelAllWorkHasOneOwner() throws InterruptedException {
        assertNull(Kernels.cellOfCallingThread(), "no kernel runs in a test JVM");
        CellWork.Handle handle = new FixedHandle(false);
        CellWork.track(handle);
        AtomicReference<List<String>> seenByAnother = new AtomicReference<>();
        Thread.ofVirtual().start(() -> seenByAnother.set(CellWork.running())).join(Duration.ofSeconds(5));

        assertEquals(List.of("fixed"), seenByAnother.get());
        CellWork.cancelAll(Duration.ZERO);
    }

    @Test
    void describesUpToThreeHandlesAndCountsTheRest() {
        List<CellWork.Handle> handles = List.of(new FixedHandle(false), new FixedHandle(false),
                new FixedHandle(false), new FixedHandle(false), new FixedHandle(false));
        assertEquals("fixed, fixed, fixed and 2 more", CellScope.describe(handles));
        assertEquals("fixed", CellScope.describe(handles.subList(0, 1)));
    }

    @Test
    void rejectsNullHandle() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> CellWork.track(null));
        assertEquals("handle must not be null", e.getMessage());
    }

    @Test
    void rejectsNullOrUnstartedThread() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> CellWork.handleOf(null));
        assertEquals("thread must not be null", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> CellWork.handleOf(Thread.ofPlatform().name("idle").unstarted(() -> { })));
        assertEquals("thread must be started but was new: \"idle\"", e2.getMessage());
    }

    @Test
    void rejectsNullGrace() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> CellWork.cancelAll(null));
        assertEquals("grace must not be null", e.getMessage());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A handle that is done or running as told, and becomes done when cancelled. */
    private static final class FixedHandle implements CellWork.Handle {
        private volatile boolean done;

        FixedHandle(boolean done) {
            this.done = done;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public void cancel() {
            done = true;
        }

        @Override
        public String description() {
            return "fixed";
        }
    }
}

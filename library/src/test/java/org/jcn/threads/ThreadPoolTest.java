package org.jcn.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ThreadPoolTest {

    private static final List<Supplier<ThreadPool>> POOLS = List.of(() -> ThreadPool.newFixed(3), ThreadPool::newVirtual);

    @Test
    void mapReturnsResultsInInputOrder() throws Exception {
        List<Integer> inputs = IntStream.range(0, 50).boxed().toList();
        for (Supplier<ThreadPool> pools : POOLS) {
            try (ThreadPool pool = pools.get()) {
                // Later inputs finish first: order must come from the inputs, not from completion.
                List<Integer> squares = pool.map(n -> {
                    sleep(Duration.ofMillis(50 - n));
                    return n * n;
                }, inputs);
                assertEquals(inputs.stream().map(n -> n * n).toList(), squares);
            }
        }
    }

    @Test
    void mapThrowsTheFirstFailureWithItsOwnExceptionAndCancelsTheRest() throws Exception {
        for (Supplier<ThreadPool> pools : POOLS) {
            IllegalStateException boom = new IllegalStateException("boom");
            CountDownLatch blockerStarted = new CountDownLatch(1);
            AtomicBoolean blockerInterrupted = new AtomicBoolean();
            try (ThreadPool pool = pools.get()) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> pool.map(n -> {
                    if (n == 0) {
                        blockerStarted.countDown();
                        try {
                            Thread.sleep(Duration.ofMinutes(1));
                        } catch (InterruptedException ie) {
                            blockerInterrupted.set(true);
                        }
                        return 0;
                    }
                    awaitQuietly(blockerStarted);
                    throw boom;
                }, List.of(0, 1)));
                assertSame(boom, e.getCause());
            }
            assertTrue(blockerInterrupted.get(), "the other call was not cancelled");
        }
    }

    @Test
    void submitRunsCallablesAndRunnables() throws Exception {
        for (Supplier<ThreadPool> pools : POOLS) {
            AtomicBoolean ran = new AtomicBoolean();
            try (ThreadPool pool = pools.get()) {
                assertEquals(42, pool.submit(() -> 42).get());
                assertEquals(null, pool.submit(() -> ran.set(true)).get());
            }
            assertTrue(ran.get());
        }
    }

    @Test
    void closeWaitsForSubmittedWork() {
        for (Supplier<ThreadPool> pools : POOLS) {
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<Void> future;
            try (ThreadPool pool = pools.get()) {
                future = pool.submit(() -> {
                    sleep(Duration.ofMillis(100));
                    done.set(true);
                });
            }
            assertTrue(done.get());
            assertTrue(future.isDone());
        }
    }

    @Test
    void workSubmittedAfterCloseFailsWithARejection() {
        for (Supplier<ThreadPool> pools : POOLS) {
            ThreadPool pool = pools.get();
            pool.close();
            pool.close(); // closing twice does nothing
            CompletableFuture<Integer> late = pool.submit(() -> 1);
            CompletionException e = assertThrows(CompletionException.class, late::join);
            assertInstanceOf(RejectedExecutionException.class, e.getCause());
            assertTrue(pool.toString().endsWith(", closed]"), pool::toString);
        }
    }

    @Test
    void closeInterruptedCancelsTheWorkAndKeepsTheInterrupt() throws InterruptedException {
        ThreadPool pool = ThreadPool.newFixed(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> running = pool.submit(() -> {
            started.countDown();
            sleep(Duration.ofMinutes(1));
        });
        CompletableFuture<Integer> queued = pool.submit(() -> 2);
        started.await();

        Thread.currentThread().interrupt();
        pool.close();

        assertTrue(Thread.interrupted(), "the interrupt status was lost");
        assertTrue(running.isDone());
        assertTrue(queued.isCancelled());
    }

    @Test
    void poolsRunOnPlatformOrVirtualThreads() throws Exception {
        try (ThreadPool fixed = ThreadPool.newFixed(1); ThreadPool virtual = ThreadPool.newVirtual()) {
            Thread a = fixed.submit(Thread::currentThread).get();
            Thread b = virtual.submit(Thread::currentThread).get();
            assertFalse(a.isVirtual());
            assertTrue(a.getName().matches("pool-\\d+-worker-1"), a.getName());
            assertTrue(b.isVirtual());
            assertTrue(b.getName().matches("pool-\\d+-virtual-1"), b.getName());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -2})
    void rejectsWorkerCountsOfZeroOrLess(int workers) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadPool.newFixed(workers));
        assertEquals("workers must be > 0 but was " + workers, e.getMessage());
    }

    @Test
    void rejectsNullArguments() {
        try (ThreadPool pool = ThreadPool.newVirtual()) {
            assertEquals("task must not be null",
                    assertThrows(NullPointerException.class, () -> pool.submit((Runnable) null)).getMessage());
            assertEquals("task must not be null", assertThrows(NullPointerException.class,
                    () -> pool.submit((java.util.concurrent.Callable<Integer>) null)).getMessage());
            assertEquals("function must not be null", assertThrows(NullPointerException.class,
                    () -> pool.map(null, List.of(1))).getMessage());
            assertEquals("inputs must not be null", assertThrows(NullPointerException.class,
                    () -> pool.map(n -> n, null)).getMessage());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

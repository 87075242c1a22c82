package org.jcn.processes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.jcn.testing.CellClasses;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProcessPoolTest {

    private static final List<Integer> ONE_TO_FIFTY = IntStream.rangeClosed(1, 50).boxed().toList();

    @AfterEach
    void noChildIsLeftRunning() throws InterruptedException {
        Children.assertNoneLeft();
    }

    @Test
    @Timeout(30)
    void mapReturnsResultsInInputOrder() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(2)) {
            assertEquals(ONE_TO_FIFTY.stream().map(n -> n * n).toList(), pool.map(n -> n * n, ONE_TO_FIFTY));
            assertEquals(List.of(), pool.map(n -> n, List.<Integer>of()));
            assertEquals(Arrays.asList(null, "x"), pool.map(s -> s, Arrays.asList(null, "x")));
        }
    }

    @Test
    @Timeout(30)
    void workersAreSharedOutAndReusedAcrossCalls() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(2)) {
            assertEquals(2, pool.workers());
            Set<Long> first = new HashSet<>(pool.map(n -> ProcessHandle.current().pid(), ONE_TO_FIFTY));
            Set<Long> second = new HashSet<>(pool.map(n -> ProcessHandle.current().pid(), ONE_TO_FIFTY));
            assertEquals(2, first.size(), "both workers get tasks");
            assertEquals(first, second, "the same two JVMs serve the next call");
            assertTrue(!first.contains(ProcessHandle.current().pid()));
        }
    }

    @Test
    @Timeout(30)
    void printedLinesReachTheCallerBeforeMapReturns() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(2)) {
            Children.Captured captured = Children.capture(() -> pool.map(n -> {
                System.out.println("task " + n);
                return n;
            }, ONE_TO_FIFTY));
            List<String> lines = new ArrayList<>(captured.out().lines().toList());
            lines.sort(null);
            assertEquals(ONE_TO_FIFTY.stream().map(n -> "task " + n).sorted().toList(), lines);
        }
    }

    @Test
    @Timeout(30)
    void classesFromAnInMemoryLoaderAreShippedToTheWorkers(@TempDir Path scratch) throws Exception {
        CellClasses cells = CellClasses.compile(scratch);
        try (ProcessPool pool = ProcessPool.newPool(2)) {
            AtomicReference<List<Object>> results = new AtomicReference<>();
            Children.capture(() -> results.set(pool.map(cells.target(), List.of(1, 2, 3, 4))));
            List<Integer> squares = new ArrayList<>();
            for (Object result : results.get()) {
                squares.add(CellClasses.squareOf(result));
            }
            assertEquals(List.of(1, 4, 9, 16), squares);
        }
    }

    @Test
    @Timeout(30)
    void aFunctionOrInputThatReadsANotebookVariableIsRefusedBeforeAnythingIsSent(@TempDir Path scratch)
            throws Exception {
        CellClasses notebook = CellClasses.compile(scratch, CellClasses.NOTEBOOK);
        notebook.set("REPL.$JShell$11", "greeting", "hello");
        var readsGreeting = (SerializableCallable<?>) notebook.call("REPL.$JShell$12", "readsGreeting");
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(task -> task.call(), List.of(readsGreeting)));
            assertTrue(e.getMessage().startsWith("input 0 can't run in a child JVM as written: it reads greeting"),
                    e.getMessage());
            @SuppressWarnings("unchecked")
            var function = (SerializableFunction<Integer, Integer>) notebook.call("REPL.$JShell$12", "addsItsLength");
            e = assertThrows(IllegalArgumentException.class, () -> pool.map(function, List.of(1)));
            assertTrue(e.getMessage().startsWith("function can't run in a child JVM as written: it reads greeting"),
                    e.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void taskExceptionFailsTheMapWithItAsCause() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(2)) {
            ChildProcessException e = assertThrows(ChildProcessException.class, () -> pool.map(n -> {
                if (n == 7) {
                    throw new ArithmeticException("no sevens");
                }
                return n;
            }, ONE_TO_FIFTY));
            assertEquals("no sevens", assertInstanceOf(ArithmeticException.class, e.getCause()).getMessage());
            assertEquals(List.of(2, 3), pool.map(n -> n + 1, List.of(1, 2)), "the pool still works");
        }
    }

    @Test
    @Timeout(30)
    void workerThatExitsCarriesItsExitCodeAndIsReplaced() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(2)) {
            AtomicReference<ChildProcessException> failure = new AtomicReference<>();
            Children.capture(() -> failure.set(assertThrows(ChildProcessException.class, () -> pool.map(n -> {
                if (n == 3) {
                    System.err.println("worker quits");
                    System.exit(3);
                }
                return n;
            }, ONE_TO_FIFTY))));
            assertEquals(OptionalInt.of(3), failure.get().exitCode(), failure.get().getMessage());
            assertTrue(failure.get().stderr().contains("worker quits"), failure.get().stderr());
            assertEquals(ONE_TO_FIFTY, pool.map(n -> n, ONE_TO_FIFTY));
        }
    }

    @Test
    @Timeout(30)
    void closeStopsEveryWorker() throws Exception {
        ProcessPool pool = ProcessPool.newPool(2);
        pool.map(n -> n, List.of(1, 2));
        pool.close();
        Children.assertNoneLeft();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.map(n -> n, List.of(1)));
        assertEquals("the pool is closed", e.getMessage());
        pool.close();
    }

    @Test
    @Timeout(30)
    void interruptingMapDestroysTheWorkersAndPropagates() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(2)) {
            CompletableFuture<Throwable> mapped = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    pool.map(n -> {
                        Thread.sleep(60_000);
                        return n;
                    }, List.of(1, 2, 3));
                    mapped.complete(null);
                } catch (Throwable t) {
                    mapped.complete(t);
                }
            });
            await("the waiter waiting on the pool").atMost(Duration.ofSeconds(30))
                    .until(() -> waiter.getState() == Thread.State.WAITING);
            waiter.interrupt();
            assertInstanceOf(InterruptedException.class, mapped.get());
            Children.assertNoneLeft();
            assertEquals(List.of(1), pool.map(n -> n, List.of(1)), "the next call starts new workers");
        }
    }

    @Test
    @Timeout(10)
    void workerCountMustBePositive() {
        assertEquals("workers must be > 0 but was 0",
                assertThrows(IllegalArgumentException.class, () -> ProcessPool.newPool(0)).getMessage());
        assertEquals("workers must be > 0 but was -2",
                assertThrows(IllegalArgumentException.class, () -> ProcessPool.newPool(-2)).getMessage());
    }

    @Test
    @Timeout(30)
    void badArgumentsAreNamed() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            assertEquals("function must not be null", assertThrows(NullPointerException.class,
                    () -> pool.map(null, List.of(1))).getMessage());
            assertEquals("inputs must not be null", assertThrows(NullPointerException.class,
                    () -> pool.map(n -> n, null)).getMessage());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(o -> o, List.of("fine", new Object())));
            assertEquals("input 1 can't be sent to a child JVM: java.lang.Object is not Serializable", e.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void missingJavaBinaryIsNamed() {
        MissingJava.assertStartNamesTheMissingBinary(() -> ProcessPool.newPool(2));
    }
}

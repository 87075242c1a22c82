package org.jcn.processes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jcn.testing.CellClasses;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ChildProcessTest {

    static int counter; // a static the child sees fresh

    static int square(int n) {
        System.out.println("squaring " + n);
        return n * n;
    }

    @AfterEach
    void noChildIsLeftRunning() throws InterruptedException {
        Children.assertNoneLeft();
    }

    @Test
    @Timeout(30)
    void returnsTheTargetsResult() throws Exception {
        AtomicReference<ChildProcess<Integer>> child = new AtomicReference<>();
        AtomicReference<Integer> result = new AtomicReference<>();
        Children.Captured captured = Children.capture(() -> {
            child.set(ChildProcess.start(ChildProcessTest::square, 12));
            result.set(child.get().join());
        });
        assertEquals(144, result.get());
        assertEquals("squaring 12\n", captured.out());
        assertFalse(child.get().isAlive());
    }

    @Test
    @Timeout(30)
    void runsInAnotherJvmWithFreshStatics() throws Exception {
        counter = 41;
        ChildProcess<long[]> child = ChildProcess.start(() -> new long[] {ProcessHandle.current().pid(), counter});
        long[] seen = child.join();
        assertNotEquals(ProcessHandle.current().pid(), seen[0]);
        assertEquals(child.pid(), seen[0]);
        assertEquals(0, seen[1]);
    }

    @Test
    @Timeout(30)
    void runnableTargetJoinsWithNull() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>("not run");
        Children.Captured captured = Children.capture(
                () -> result.set(ChildProcess.start(() -> System.out.println("hello")).join()));
        assertNull(result.get());
        assertEquals("hello\n", captured.out());
    }

    @Test
    @Timeout(30)
    void aChildAddsNoTextOfItsOwnToTheCallersStreams() throws Exception {
        Children.Captured captured = Children.capture(() -> {
            ChildProcess.start(() -> 1).join();
            ChildProcess.start(n -> n, "x").join();
        });
        assertEquals("", captured.out());
        assertEquals("", captured.err());
    }

    @Test
    @Timeout(30)
    void printedLinesReachTheCallersCurrentStreams() throws Exception {
        Children.Captured captured = Children.capture(() -> ChildProcess.start(() -> {
            System.out.println("one");
            System.err.println("two");
            System.out.print("three, no newline");
        }).join());
        assertEquals("one\nthree, no newline", captured.out());
        assertEquals("two\n", captured.err());
    }

    @Test
    @Timeout(30)
    void classesFromAnInMemoryLoaderAreShippedToTheChild(@TempDir Path scratch) throws Exception {
        CellClasses cells = CellClasses.compile(scratch);
        AtomicReference<Object> result = new AtomicReference<>();
        Children.Captured captured = Children.capture(() -> result.set(ChildProcess.start(cells.target(), 9).join()));
        assertEquals(81, CellClasses.squareOf(result.get()));
        assertEquals(cells, result.get().getClass().getClassLoader());
        assertEquals("cell code squaring 9\n", captured.out());
    }

    @Test
    @Timeout(30)
    void aTargetThatReadsANotebookVariableIsRefusedBeforeAnyJvmStarts(@TempDir Path scratch) throws Exception {
        CellClasses notebook = CellClasses.compile(scratch, CellClasses.NOTEBOOK);
        notebook.set("REPL.$JShell$11", "greeting", "hello");
        for (String lambda : List.of("readsGreeting", "callsAMethodThatReadsIt")) {
            var target = (SerializableCallable<?>) notebook.call("REPL.$JShell$12", lambda);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildProcess.start(target));
            assertEquals("target can't run in a child JVM as written: it reads greeting, a variable of an earlier"
                    + " cell, and a child JVM starts with fresh statics, so there greeting would be null, not"
                    + " \"hello\". Pass the value in instead: as the argument, ChildProcess.start(greeting -> ...,"
                    + " greeting), or inside the inputs of ProcessPool.map", e.getMessage());
            assertEquals(List.of(), Children.alive(), lambda + " started a child JVM");
        }
    }

    @Test
    @Timeout(30)
    void aTargetThatWritesTheVariableOrTakesItAsItsArgumentRuns(@TempDir Path scratch) throws Exception {
        CellClasses notebook = CellClasses.compile(scratch, CellClasses.NOTEBOOK);
        notebook.set("REPL.$JShell$11", "greeting", "hello");
        notebook.set("REPL.$JShell$11", "shared", 41);
        var bumps = (SerializableCallable<?>) notebook.call("REPL.$JShell$12", "bumpsShared");
        assertEquals(1, ChildProcess.start(bumps).join(), "the child's own copy of shared, from 0");
        @SuppressWarnings("unchecked")
        var takesIt = (SerializableFunction<String, Integer>) notebook.call("REPL.$JShell$12", "takesItAsArgument");
        assertEquals(5, ChildProcess.start(takesIt, "hello").join());
    }

    @Test
    @Timeout(30)
    void aNullPointerExceptionOnANotebookVariableSaysWhichAndHowToPassIt(@TempDir Path scratch) throws Exception {
        CellClasses notebook = CellClasses.compile(scratch, CellClasses.NOTEBOOK);
        var target = (SerializableCallable<?>) notebook.call("REPL.$JShell$12", "readsGreeting");
        // null here too, so nothing is refused; the child fails as it would have with any value here
        ChildProcessException e = assertThrows(ChildProcessException.class, () -> ChildProcess.start(target).join());
        NullPointerException npe = assertInstanceOf(NullPointerException.class, e.getCause());
        assertTrue(npe.getMessage().startsWith("Cannot invoke \"String.length()\" because"
                + " \"REPL.$JShell$11.greeting\" is null. greeting is a variable of an earlier notebook cell, and a"
                + " child JVM starts with fresh statics"), npe.getMessage());
        assertTrue(npe.getMessage().endsWith("as in ChildProcess.start(greeting -> ..., greeting), or inside the"
                + " inputs of ProcessPool.map"), npe.getMessage());
        assertTrue(e.getMessage().contains(npe.getMessage()), e.getMessage());
        assertTrue(npe.getStackTrace().length > 0, "the child's stack trace is kept");
    }

    @Test
    @Timeout(30)
    void targetExceptionComesBackWithItsClassMessageAndStackTrace() {
        ChildProcessException e = assertThrows(ChildProcessException.class, () -> ChildProcess.start(() -> {
            throw new IllegalStateException("boom");
        }).join());
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom", cause.getMessage());
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getClassName().equals(getClass().getName())),
                "the child's stack trace names the lambda's class");
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: boom"), e.getMessage());
        assertEquals(OptionalInt.empty(), e.exitCode());
    }

    @Test
    @Timeout(30)
    void childFailureCarriesItsExitCodeAndStderr() throws Exception {
        AtomicReference<ChildProcessException> failure = new AtomicReference<>();
        Children.capture(() -> failure.set(assertThrows(ChildProcessException.class, () -> ChildProcess.start(() -> {
            System.err.println("giving up");
            System.exit(3);
        }).join())));
        ChildProcessException e = failure.get();
        assertEquals(OptionalInt.of(3), e.exitCode());
        assertEquals("giving up", e.stderr());
        assertTrue(e.getMessage().contains("exited with code 3") && e.getMessage().contains("giving up"),
                e.getMessage());
    }

    @Test
    @Timeout(30)
    void killedChildReportsItsExitCode() throws Exception {
        ChildProcess<Void> child = ChildProcess.start(() -> Thread.sleep(60_000));
        while (!ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly()) {
            Thread.onSpinWait();
        }
        ChildProcessException e = assertThrows(ChildProcessException.class, child::join);
        assertEquals(OptionalInt.of(137), e.exitCode(), e.getMessage()); // 128 + SIGKILL
    }

    @Test
    @Timeout(30)
    void childThatExceedsItsTimeoutIsDestroyed() throws Exception {
        ChildProcess<Void> child = ChildProcess.start(() -> Thread.sleep(60_000));
        ChildProcessException e = assertThrows(ChildProcessException.class,
                () -> child.join(Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not finish within the timeout of 300 ms"), e.getMessage());
        assertFalse(child.isAlive());
    }

    @Test
    @Timeout(30)
    void interruptingJoinDestroysTheChildAndPropagates() throws Exception {
        ChildProcess<Void> child = ChildProcess.start(() -> Thread.sleep(60_000));
        CompletableFuture<Throwable> joined = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                child.join();
                joined.complete(null);
            } catch (Throwable t) {
                joined.complete(t);
            }
        });
        await("the waiter waiting on the child").atMost(Duration.ofSeconds(30)).until(() ->
                waiter.getState() == Thread.State.WAITING || waiter.getState() == Thread.State.TIMED_WAITING);
        waiter.interrupt();
        assertInstanceOf(InterruptedException.class, joined.get());
        assertFalse(child.isAlive());
    }

    @Test
    @Timeout(30)
    void closeDestroysARunningChild() throws Exception {
        ChildProcess<Void> child = ChildProcess.start(() -> Thread.sleep(60_000));
        child.close();
        assertFalse(child.isAlive());
        child.close();
    }

    @Test
    @Timeout(10)
    void nullTargetIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ChildProcess.start((SerializableFunction<Integer, Integer>) null, 1));
        assertEquals("target must not be null", e.getMessage());
        assertEquals("target must not be null", assertThrows(NullPointerException.class,
                () -> ChildProcess.start((SerializableRunnable) null)).getMessage());
    }

    @Test
    @Timeout(10)
    void argumentThatCantBeSerializedIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChildProcess.start(x -> x, new Object()));
        assertEquals("argument can't be sent to a child JVM: java.lang.Object is not Serializable", e.getMessage());
    }

    @Test
    @Timeout(10)
    void capturedValueThatCantBeSerializedIsNamed() {
        Thread notSerializable = Thread.currentThread();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChildProcess.start(() -> notSerializable.getName()));
        assertEquals("target can't be sent to a child JVM: the lambda captures a java.lang.Thread, which is not "
                + "Serializable", e.getMessage());
    }

    @Test
    @Timeout(10)
    void missingJavaBinaryIsNamed() {
        MissingJava.assertStartNamesTheMissingBinary(() -> ChildProcess.start(() -> 1));
    }

    @Test
    @Timeout(30)
    void timeoutMustBePositive() throws Exception {
        try (ChildProcess<Integer> child = ChildProcess.start(() -> 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> child.join(Duration.ZERO));
            assertEquals("timeout must be > 0 but was PT0S", e.getMessage());
            assertEquals("timeout must not be null",
                    assertThrows(NullPointerException.class, () -> child.join(null)).getMessage());
            assertEquals(1, child.join());
        }
    }

    /** A parent JVM for {@link #childExitsWhenItsParentIsKilled}: starts a sleeping child, prints its pid. */
    static final class OrphanParent {
        public static void main(String[] args) throws Exception {
            ChildProcess<Void> child = ChildProcess.start(() -> Thread.sleep(60_000));
            System.out.println(child.pid());
            System.out.flush();
            child.join();
        }
    }

    @Test
    @Timeout(60)
    void childExitsWhenItsParentIsKilled() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanParent.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long childPid;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                childPid = Long.parseLong(out.readLine().trim());
                ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
                parent.destroyForcibly();
                assertEquals(137, parent.waitFor());
                child.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(child.isAlive());
            }
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }
}

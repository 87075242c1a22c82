package org.jcn.python;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jcn.internal.cell.CellWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

/** The bridge against Debian's python3 (installed by ./test's prerequisites). */
@Timeout(120)
class PythonTest {

    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    private static PythonInterpreter python;

    @TempDir
    Path dir;

    @BeforeAll
    static void debianPython() {
        assumeTrue(Files.isExecutable(DEBIAN_PYTHON), "Debian's python3 is not installed");
        python = Python.at(DEBIAN_PYTHON);
    }

    @Test
    void anInterpreterDescribesItself() {
        assertTrue(python.version().startsWith("3."), python.version());
        assertFalse(python.freeThreadedBuild());
        assertTrue(python.gilEnabled());
        assertTrue(python.startMethods().containsAll(List.of("fork", "spawn")), python.startMethods().toString());
        assertTrue(python.startMethods().contains(python.defaultStartMethod()));
        assertEquals("Python " + python.version(), python.label());
    }

    @Test
    void aProgramsMeasurementsComeBackAsData() throws Exception {
        PythonRun run = python.run("cpu_sum.py", "200000", "--ways", "sequential,threading", "--workers", "1,2");
        assertTrue(run.ran());
        assertEquals(0, run.exitCode());
        assertEquals(4, run.records().size());
        assertTrue(run.records().stream().allMatch(r -> Boolean.TRUE.equals(r.get("correct"))),
                run.records()::toString);
        assertTrue(run.number("seconds", "way", "threading", "workers", 2) > 0);
        assertEquals(200_000, run.number("n", "way", "sequential", "workers", 1));
        Table table = run.toTable();
        assertEquals(List.of("way", "workers", "n", "mode", "seconds", "correct", "skipped"), table.columnNames());
        assertEquals(4, table.rowCount());
        assertTrue(table.name().startsWith("cpu_sum.py · Python " + python.version()), table.name());
        assertThrows(IllegalArgumentException.class, () -> run.number("seconds", "way", "threading"));
    }

    @Test
    void outputStreamsIntoTheCellWhileTheProgramRuns() throws Exception {
        Path gate = dir.resolve("gate");
        Path script = write("talk.py", """
                import os, sys, time
                print("first line")
                while not os.path.exists(sys.argv[1]):
                    time.sleep(0.01)
                print("second line")
                """);
        CountDownLatch firstSeen = new CountDownLatch(1);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                seen.write(b);
                if (seen.toString(StandardCharsets.UTF_8).contains("first line\n")) {
                    firstSeen.countDown();
                }
            }
        }, true, StandardCharsets.UTF_8));
        try (PythonProcess process = python.start(script.toString(), gate.toString())) {
            // The program can only end after the test has seen its first line: output arrives while it runs.
            assertTrue(firstSeen.await(30, TimeUnit.SECONDS), "the first line did not arrive while the program ran");
            assertTrue(process.isAlive());
            Files.createFile(gate);
            PythonRun run = process.join();
            assertEquals(0, run.exitCode());
        } finally {
            System.setOut(original);
        }
        assertEquals("first line\nsecond line\n", seen.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFloatThatIsNotFiniteComesBackAsNaNAndAQuotedNaNStaysText() throws Exception {
        Path script = write("odd.py", """
                from jcn import report
                report(name="NaN", seconds=float("nan"), most=float("inf"), parts=[1.5, float("-inf")])
                """);
        PythonRun run = python.run(script.toString());
        assertEquals("NaN", run.records().getFirst().get("name"));
        assertTrue(Double.isNaN(run.number("seconds", "name", "NaN")));
        assertTrue(Double.isNaN(run.number("most", "name", "NaN")));
        assertEquals(Arrays.asList(1.5, null), run.records().getFirst().get("parts"));
    }

    @Test
    void aPythonExceptionComesBackWithItsTraceback() throws Exception {
        Path script = write("broken.py", """
                def average(values):
                    return sum(values) / len(values)

                print("about to fail")
                average([])
                """);
        PythonException e = assertThrows(PythonException.class, () -> python.run(script.toString()));
        assertEquals("ZeroDivisionError", e.pythonType());
        assertEquals("broken.py raised ZeroDivisionError: division by zero", e.getMessage());
        assertEquals(1, e.exitCode().orElseThrow());
        String traceback = e.traceback();
        assertTrue(traceback.startsWith("Traceback (most recent call last):"), traceback);
        assertTrue(traceback.contains("line 2, in average"), traceback);
        assertTrue(traceback.strip().endsWith("ZeroDivisionError: division by zero"), traceback);
        assertFalse(traceback.contains("runpy") || traceback.contains("jcn_run"), traceback);
    }

    @Test
    void anExitCodeWithoutAnExceptionCarriesTheEndOfStandardError() throws Exception {
        Path script = write("quits.py", "import sys\nsys.stderr.write('giving up\\n')\nsys.exit(3)\n");
        PythonException e = assertThrows(PythonException.class, () -> python.run(script.toString()));
        assertEquals(3, e.exitCode().orElseThrow());
        assertEquals(null, e.pythonType());
        assertEquals("quits.py exited with code 3; its standard error ends with:\ngiving up", e.getMessage());
    }

    @Test
    void aMissingInterpreterGivesOneClearMessageAndCellsSkip() throws Exception {
        String missing = dir.resolve("no-such-python3").toString();
        System.setProperty("jcn.python", missing);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertTrue(Python.find().isEmpty());
            String message = Python.missingMessage();
            assertTrue(message.contains(missing) && message.contains("sudo apt-get install python3")
                    && message.contains("JCN_PYTHON"), message);
            assertEquals(message, assertThrows(IllegalStateException.class, Python::require).getMessage());
            assertEquals(List.of(), org.jcn.measure.Mechanism.python().stream()
                    .filter(m -> m != org.jcn.measure.Mechanism.FREE_THREADED_PYTHON_THREADS).toList());
            PythonRun skipped = Python.run("cpu_sum.py", "1000");
            assertFalse(skipped.ran());
            assertEquals(message, skipped.skippedBecause());
            assertEquals(0, skipped.toTable().rowCount());
            assertTrue(Double.isNaN(skipped.number("seconds")));
            assertEquals("skipped cpu_sum.py: " + message + System.lineSeparator(),
                    printed.toString(StandardCharsets.UTF_8));
            assertEquals("default", Python.interpreters().stringColumn("role").get(0));
            assertEquals("none found", Python.interpreters().stringColumn("version").get(0));
        } finally {
            System.setOut(original);
            System.clearProperty("jcn.python");
        }
        assertThrows(IllegalArgumentException.class, () -> Python.at(Path.of(missing)));
    }

    @Test
    void aPythonChildLeftRunningIsStoppedWithItsChildrenWhenItsCellIsInterrupted() throws Exception {
        Path script = write("lingers.py", """
                import multiprocessing, time
                def linger():
                    time.sleep(600)
                if __name__ == "__main__":
                    child = multiprocessing.get_context("fork").Process(target=linger)
                    child.start()
                    print("child", child.pid, flush=True)
                    time.sleep(600)
                """);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        PythonProcess[] started = new PythonProcess[1];
        CountDownLatch running = new CountDownLatch(1);
        Thread cell = Thread.ofPlatform().start(() -> {
            try (PythonProcess p = python.start(script.toString())) {
                started[0] = p;
                running.countDown();
                p.join();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertTrue(running.await(30, TimeUnit.SECONDS));
        ProcessHandle parent = ProcessHandle.of(started[0].pid()).orElseThrow();
        await("the program's own child process").atMost(Duration.ofSeconds(30))
                .until(() -> parent.children().findAny().isPresent());
        ProcessHandle grandchild = parent.children().findAny().orElseThrow();
        assertTrue(CellWork.running().stream().anyMatch(d -> d.contains("Python pid " + parent.pid())),
                CellWork.running()::toString);

        List<String> left = CellWork.cancelAll(Duration.ofSeconds(10)); // what the kernel does on an interrupt
        assertTrue(left.isEmpty(), left::toString);
        cell.join(30_000);
        assertFalse(parent.isAlive());
        assertTrue(grandchild.onExit().get(10, TimeUnit.SECONDS) != null);
        assertFalse(grandchild.isAlive(), "the program's own child process is still running");
        assertTrue(outcome.get() instanceof PythonException, String.valueOf(outcome.get()));
    }

    @Test
    void aWaitingThreadThatIsInterruptedDestroysTheProgram() throws Exception {
        Path script = write("sleeps.py", "import time\nprint('sleeping', flush=True)\ntime.sleep(600)\n");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<PythonProcess> process = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                PythonProcess p = python.start(script.toString());
                process.set(p);
                p.join();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        await("the program's start").atMost(Duration.ofSeconds(30)).until(() -> process.get() != null);
        await("the caller waiting on the program").atMost(Duration.ofSeconds(30))
                .until(() -> caller.getState() == Thread.State.WAITING
                        || caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();
        caller.join(30_000);
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        assertFalse(process.get().isAlive());
    }

    @Test
    void unknownProgramsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> python.start("nope.py"));
        assertTrue(e.getMessage().contains("cpu_sum.py") && e.getMessage().endsWith("but was nope.py"),
                e.getMessage());
    }

    private Path write(String name, String code) throws Exception {
        return Files.writeString(dir.resolve(name), code);
    }
}

package org.jcn.measure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every behaviour runs through every mechanism with the same assertions. */
@Timeout(30)
class MechanismTest {

    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"PYTHON_THREADS", "PYTHON_PROCESSES", "FREE_THREADED_PYTHON_THREADS"},
            mode = EnumSource.Mode.EXCLUDE) // Python runs only the workloads with a Python twin: PythonMechanismTest
    void resultsComeBackInTaskOrder(Mechanism mechanism) throws Exception {
        List<Workload.Task> tasks = IntStream.range(0, 20).mapToObj(i -> (Workload.Task) () -> {
            Thread.sleep((20 - i) % 5);
            return i * i;
        }).toList();
        List<Object> results = mechanism.run(tasks, 3);
        assertEquals(IntStream.range(0, 20).mapToObj(i -> i * i).toList(), results);
    }

    /** Child JVMs get copies of what a task captures, so in-memory counters can't watch them: see below. */
    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"CHILD_PROCESSES", "PYTHON_THREADS", "PYTHON_PROCESSES",
            "FREE_THREADED_PYTHON_THREADS"}, mode = EnumSource.Mode.EXCLUDE)
    void atMostWorkersTasksRunAtOnceAndThatManyDo(Mechanism mechanism) throws Exception {
        int workers = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Workload.Task> tasks = IntStream.range(0, 12).mapToObj(i -> (Workload.Task) () -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(30);
            running.decrementAndGet();
            return null;
        }).toList();
        mechanism.run(tasks, workers);
        assertTrue(peak.get() <= workers, "peak " + peak.get() + " exceeds " + workers + " workers");
        assertTrue(peak.get() >= 2, "tasks never overlapped (peak " + peak.get() + ")");
    }

    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"PYTHON_THREADS", "PYTHON_PROCESSES", "FREE_THREADED_PYTHON_THREADS"},
            mode = EnumSource.Mode.EXCLUDE)
    void aFailingTaskSurfacesWithItsOwnExceptionAsCause(Mechanism mechanism) {
        List<Workload.Task> tasks = List.of(() -> 1, () -> {
            throw new IllegalStateException("task 2 broke");
        }, () -> 3);
        ExecutionException e = assertThrows(ExecutionException.class, () -> mechanism.run(tasks, 2));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("task 2 broke", e.getCause().getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"CHILD_PROCESSES", "PYTHON_THREADS", "PYTHON_PROCESSES",
            "FREE_THREADED_PYTHON_THREADS"}, mode = EnumSource.Mode.EXCLUDE)
    void interruptingTheCallerCancelsTheTasks(Mechanism mechanism) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        List<Workload.Task> tasks = List.of(() -> {
            started.countDown();
            Thread.sleep(60_000);
            finished.incrementAndGet();
            return null;
        });
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                mechanism.run(tasks, 1);
            } catch (InterruptedException | ExecutionException e) {
                // expected: either the wait or the task was interrupted
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertTrue(!caller.isAlive(), "run() did not return after an interrupt");
        assertEquals(0, finished.get());
    }

    @Test
    void childJvmsSpreadTheTasksOverAtMostWorkersProcesses() throws Exception {
        List<Workload.Task> tasks = IntStream.range(0, 8).mapToObj(i -> (Workload.Task) () -> {
            Thread.sleep(50);
            return ProcessHandle.current().pid();
        }).toList();
        Set<Object> pids = new HashSet<>(Mechanism.CHILD_PROCESSES.run(tasks, 2));
        assertEquals(2, pids.size(), "expected two worker JVMs, saw " + pids);
        assertTrue(!pids.contains(ProcessHandle.current().pid()));
        assertEquals(0, liveChildren(), "child JVMs left running");
    }

    @Test
    void interruptingTheCallerStopsTheChildJvms() throws Exception {
        List<Workload.Task> tasks = List.of(() -> {
            Thread.sleep(60_000);
            return null;
        });
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                Mechanism.CHILD_PROCESSES.run(tasks, 1);
            } catch (InterruptedException | ExecutionException e) {
                // expected
            }
        });
        await("a child JVM's start").atMost(Duration.ofSeconds(20)).until(() -> liveChildren() > 0);
        Thread.sleep(200);   // the task is running in the child, not only its JVM
        caller.interrupt();
        caller.join(10_000);
        assertTrue(!caller.isAlive(), "run() did not return after an interrupt");
        await("every child JVM's end after the interrupt").atMost(Duration.ofSeconds(10))
                .until(() -> liveChildren() == 0);
    }

    @Test
    void tooManyChildJvmsAreRefused() {
        var e = assertThrows(ExecutionException.class,
                () -> Mechanism.CHILD_PROCESSES.run(List.of(() -> 1), Mechanism.MAX_CHILD_JVMS + 1));
        assertTrue(e.getCause().getMessage().startsWith("child JVMs: workers must be <= " + Mechanism.MAX_CHILD_JVMS),
                e.getCause().getMessage());
    }

    private static long liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    @ParameterizedTest
    @EnumSource(Mechanism.class)
    void badArgumentsAreNamed(Mechanism mechanism) {
        assertEquals("workers must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> mechanism.run(List.of(() -> 1), 0)).getMessage());
        assertEquals("tasks must not be empty", assertThrows(IllegalArgumentException.class,
                () -> mechanism.run(List.of(), 1)).getMessage());
    }
}

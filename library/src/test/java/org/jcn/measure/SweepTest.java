package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SweepTest {

    private static final Workload SMALL = Workloads.sumOfRange(100_000);

    @Test
    void measuresEveryWorkerCountAndMechanismOncePerRoundInInterleavedOrder() throws Exception {
        SweepResult r = Sweep.of(SMALL).withMechanisms(Mechanism.PLATFORM_THREADS, Mechanism.PARALLEL_STREAM)
                .withWorkerCounts(3, 1, 2, 2).withWarmups(0).withRepetitions(2).withQuickMode(false).run();
        assertArrayEquals(new int[] {1, 2, 3}, r.workerCounts());
        assertEquals(2 * 3 * 2, r.samples().size());
        SweepResult.Sample first = r.samples().get(0);
        SweepResult.Sample second = r.samples().get(1);
        assertEquals(Mechanism.PLATFORM_THREADS, first.mechanism());
        assertEquals(Mechanism.PARALLEL_STREAM, second.mechanism());
        assertEquals(1, second.workers());
        assertEquals(1, first.repetition());
        assertEquals(2, r.samples().get(r.samples().size() - 1).repetition());
        assertTrue(r.samples().stream().allMatch(s -> s.wallNanos() > 0));
    }

    @Test
    void eachRoundVisitsEveryPointOnceInAnOrderThatRotates() throws Exception {
        SweepResult r = Sweep.of(SMALL).withMechanisms(Mechanism.PLATFORM_THREADS, Mechanism.VIRTUAL_THREADS)
                .withWorkerCounts(1, 2).withWarmups(0).withRepetitions(3).withQuickMode(false).run();
        java.util.Set<String> firstOfRound = new java.util.HashSet<>();
        java.util.Set<String> orders = new java.util.HashSet<>();
        for (int round = 1; round <= 3; round++) {
            int rr = round;
            List<String> order = r.samples().stream().filter(s -> s.repetition() == rr)
                    .map(s -> s.mechanism() + "/" + s.workers()).toList();
            assertEquals(4, order.size(), "round " + round + ": " + order);
            assertEquals(4, java.util.Set.copyOf(order).size(), "every point once in round " + round + ": " + order);
            firstOfRound.add(order.get(0));
            orders.add(order.toString());
        }
        assertEquals(3, orders.size(), "three rounds, three orders");
        assertTrue(firstOfRound.size() >= 2, "the round's first point moves: " + firstOfRound);
    }

    @Test
    void everySampleRecordsTheProcessTreesCpuAndTheOtherProcessesCpu() throws Exception {
        // Each task spins until its own thread has used 150 ms of CPU and reports that figure, measured where it ran
        // (in this JVM or in a child JVM): a sample's tree CPU must include it, however busy the machine is.
        List<Long> reported = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Workload spin = workload(workers -> List.of(SweepTest::spinCpu), (results, workers) -> reported.add((Long) results.get(0)));
        SweepResult r = Sweep.of(spin).withMechanisms(Mechanism.PLATFORM_THREADS, Mechanism.CHILD_PROCESSES)
                .withWorkerCounts(1).withWarmups(0).withRepetitions(3).withQuickMode(false).run();
        assertTrue(r.samples().size() >= 6, "three rounds of two points, and perhaps extra ones");
        assertEquals(r.samples().size(), reported.size(), "one check per measured run");
        for (int i = 0; i < r.samples().size(); i++) {
            SweepResult.Sample s = r.samples().get(i);
            assertTrue(s.otherCpuNanos() >= 0 && s.throttledNanos() >= 0, s.toString());
            assertTrue(s.cpuNanos() >= reported.get(i) - 20_000_000L, s + " against the task's own " + reported.get(i));
        }
    }

    /** Spins until this thread has used 150 ms of CPU time; returns the thread's CPU time spent here. */
    static Object spinCpu() {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = bean.getCurrentThreadCpuTime();
        long x = 0;
        while (bean.getCurrentThreadCpuTime() - start < 150_000_000L) {
            x += System.nanoTime() & 1;
        }
        return bean.getCurrentThreadCpuTime() - start + (x & 0);
    }

    @Test
    void aSweepUnderACompetingLoadIsFlaggedAsNoise() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (var load = org.jcn.testing.CompetingLoad.start(2 * cores, Duration.ofSeconds(50))) {
            Thread.sleep(200);   // the busy loops are running before the first point
            SweepResult r = Sweep.of(Workloads.sumOfRange(200_000_000L)).withMechanisms(Mechanism.PLATFORM_THREADS)
                    .withWorkerCounts(1, 2).withWarmups(1).withRepetitions(3).withQuickMode(false).run();
            assertEquals(2 * cores, load.alive(), "the load lasted the whole sweep");
            Verdict v = r.verdict();
            assertFalse(v.trustworthy(), v.toString());
            assertTrue(v.otherCpuShare() > Verdict.MAX_OTHER_SHARE_PERCENT / 100.0, v.toString());
            assertTrue(v.sentence().startsWith("Other processes used "), v.sentence());
            assertTrue(v.sentence().contains("`uptime`"), v.sentence());
        }
    }

    @Test
    void pointsWhoseMediansAreUncertainGetExtraRoundsWithinTheBudget() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Workload uneven = workload(workers -> List.of(() -> {
            Thread.sleep(calls.incrementAndGet() % 2 == 0 ? 60 : 10);   // 10, 60, 10, 60 ms...: a wide spread
            return 1;
        }), (results, workers) -> { });
        SweepResult r = Sweep.of(uneven).withMechanisms(Mechanism.PLATFORM_THREADS).withWorkerCounts(1)
                .withWarmups(0).withRepetitions(5).withQuickMode(false).run();
        assertTrue(r.samples().size() > 5, "no extra round: " + r.samples().size());
        assertTrue(r.samples().size() <= 5 * Rounds.MAX_ROUNDS_FACTOR, "at most six times the rounds: "
                + r.samples().size());
        assertEquals(r.samples().size(), r.samples().stream().mapToInt(SweepResult.Sample::repetition).max().orElse(0));
    }

    @Test
    void defaultsGoFromOneToTwiceTheCoreCount() throws Exception {
        SweepResult r = Sweep.of(SMALL).withWarmups(0).withRepetitions(1).withQuickMode(false).run();
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(2 * cores, r.workerCounts().length);
        assertEquals(List.of(Mechanism.PLATFORM_THREADS, Mechanism.VIRTUAL_THREADS), r.mechanisms());
    }

    @Test
    void quickModeMeasuresOnceAndStopsOnePastTheCoreCount() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        SweepResult r = Sweep.of(SMALL).withMaxWorkers(cores + 5).withRepetitions(7).withQuickMode(true).run();
        assertEquals(cores + 1, r.workerCounts()[r.workerCounts().length - 1]);
        assertEquals(2 * (cores + 1), r.samples().size());
    }

    @Test
    void warmupsRunEveryMechanismButAreNotRecorded() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Workload counting = new Workload() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public List<Task> tasks(int workers) {
                runs.incrementAndGet();
                return List.of(() -> 1);
            }
        };
        SweepResult r = Sweep.of(counting).withMechanisms(Mechanism.FUTURES, Mechanism.VIRTUAL_THREADS)
                .withWorkerCounts(1).withWarmups(3).withRepetitions(2).withQuickMode(false).run();
        assertEquals(2 * 3 + 2 * 2, runs.get());
        assertEquals(4, r.samples().size());
    }

    @Test
    void aThrowingTaskStopsTheSweepNamingWorkerCountAndMechanism() {
        RuntimeException boom = new IllegalStateException("boom");
        Workload failing = new Workload() {
            @Override
            public String name() {
                return "fails at 2";
            }

            @Override
            public List<Task> tasks(int workers) {
                return List.of(() -> {
                    if (workers == 2) {
                        throw boom;
                    }
                    return 0;
                });
            }
        };
        SweepException e = assertThrows(SweepException.class, () -> Sweep.of(failing)
                .withMechanisms(Mechanism.VIRTUAL_THREADS).withWorkerCounts(1, 2, 3).withWarmups(0).run());
        assertEquals("sweep stopped: fails at 2 failed with 2 workers on virtual threads: "
                + "java.lang.IllegalStateException: boom", e.getMessage());
        assertSame(boom, e.getCause());
        assertEquals(2, e.workers());
        assertEquals(Mechanism.VIRTUAL_THREADS, e.mechanism());
    }

    @Test
    void aFailedCheckStopsTheSweepToo() {
        Workload wrong = new Workload() {
            @Override
            public String name() {
                return "wrong";
            }

            @Override
            public List<Task> tasks(int workers) {
                return List.of(() -> 1);
            }

            @Override
            public void check(List<?> results, int workers) {
                throw new IllegalStateException("computed 1 but the answer is 2");
            }
        };
        SweepException e = assertThrows(SweepException.class,
                () -> Sweep.of(wrong).withWorkerCounts(1).withWarmups(0).run());
        assertTrue(e.getMessage().contains("failed with 1 worker on platform threads"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void sleepingTasksOverlapOnVirtualThreads() throws Exception {
        SweepResult r = Sweep.of(Workloads.sleep(Duration.ofMillis(50), 8)).withMechanisms(Mechanism.VIRTUAL_THREADS)
                .withWorkerCounts(1, 8).withWarmups(0).withRepetitions(1).withQuickMode(false).run();
        // 8 sleeps one after another take at least 400 ms; with 8 workers they overlap. A behaviour, not a timing:
        // the lower bound is certain, and 8 overlapping sleeps can't take as long as 8 sequential ones.
        assertTrue(r.elapsedMillis(Mechanism.VIRTUAL_THREADS, 1).median() >= 400);
        assertTrue(r.speedup(Mechanism.VIRTUAL_THREADS, 8) > 1.5, "no overlap: " + r.summary().printAll());
    }

    @Test
    void childJvmsAreReusedAcrossRoundsAndStoppedWhenTheSweepEnds() throws Exception {
        java.util.Set<Object> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Workload pids = workload(workers -> List.of(() -> ProcessHandle.current().pid()),
                (results, workers) -> seen.addAll(results));
        SweepResult r = Sweep.of(pids).withMechanisms(Mechanism.CHILD_PROCESSES).withWorkerCounts(1)
                .withWarmups(1).withRepetitions(3).withQuickMode(false).run();
        assertTrue(r.samples().size() >= 3, "three rounds, and perhaps extra ones: " + r.samples().size());
        assertEquals(1, seen.size(), "one warm child JVM should serve every run, saw pids " + seen);
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
                "child JVMs outlived the sweep");
    }

    @Test
    void aChildJvmSweepHoldsNoMoreJvmsThanItsLargestWorkerCount() throws Exception {
        java.util.Set<Object> pids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Workload onePidPerWorker = workload(workers -> java.util.Collections.nCopies(workers, () -> {
            Thread.sleep(100); // long enough that every task of a run gets a JVM of its own
            return ProcessHandle.current().pid();
        }), (results, workers) -> {
            assertEquals(workers, new java.util.HashSet<>(results).size(), "JVMs used by one run: " + results);
            pids.addAll(results);
        });
        try (PeakChildren children = PeakChildren.watch()) {
            Sweep.of(onePidPerWorker).withMechanisms(Mechanism.CHILD_PROCESSES).withWorkerCounts(1, 2, 3)
                    .withWarmups(1).withRepetitions(2).withQuickMode(false).run();
            assertEquals(3, children.peak(), "child JVMs alive at once");
        }
        assertEquals(3, pids.size(), "the same JVMs serve every worker count: " + pids);
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
                "child JVMs outlived the sweep");
    }

    @Test
    void theChildJvmLimitIsCheckedBeforeAnyJvmStarts() throws Exception {
        try (PeakChildren children = PeakChildren.watch()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Sweep.of(SMALL).withMechanisms(Mechanism.PLATFORM_THREADS, Mechanism.CHILD_PROCESSES)
                            .withWorkerCounts(1, Mechanism.MAX_CHILD_JVMS + 1).withQuickMode(false).run());
            assertEquals("child JVMs: the largest worker count must be <= " + Mechanism.MAX_CHILD_JVMS
                    + " (each is a JVM of tens of MB) but was " + (Mechanism.MAX_CHILD_JVMS + 1), e.getMessage());
            assertEquals(0, children.peak(), "child JVMs started");
        }
    }

    @Test
    void platformThreadPoolsAreReusedAcrossRoundsAndEndWithTheSweep() throws Exception {
        java.util.Set<Thread> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Workload threads = new Workload() {
            @Override
            public String name() {
                return "threads";
            }

            @Override
            public List<Task> tasks(int workers) {
                return java.util.Collections.nCopies(workers, () -> {
                    seen.add(Thread.currentThread());
                    Thread.sleep(20); // long enough that each task of a run gets its own thread
                    return 0;
                });
            }
        };
        SweepResult r = Sweep.of(threads).withMechanisms(Mechanism.PLATFORM_THREADS).withWorkerCounts(1, 2)
                .withWarmups(1).withRepetitions(4).withQuickMode(false).run();
        assertTrue(r.samples().size() >= 8, "four rounds of two points, and perhaps extra ones: " + r.samples().size());
        assertEquals(3, seen.size(), "a pool of 1 and a pool of 2 threads should serve every run, saw " + seen);
        assertTrue(seen.stream().noneMatch(Thread::isVirtual), "platform threads expected: " + seen);
        for (Thread thread : seen) {
            thread.join(5_000);
            assertFalse(thread.isAlive(), thread + " outlived the sweep");
        }
    }

    /** A workload whose tasks come from {@code tasks} and whose check hands every run's results to {@code check}. */
    private static Workload workload(java.util.function.IntFunction<List<Workload.Task>> tasks,
                                     java.util.function.BiConsumer<List<?>, Integer> check) {
        return new Workload() {
            @Override
            public String name() {
                return "test workload";
            }

            @Override
            public List<Task> tasks(int workers) {
                return tasks.apply(workers);
            }

            @Override
            public void check(List<?> results, int workers) {
                check.accept(results, workers);
            }
        };
    }

    @Test
    void badArgumentsAreNamed() {
        Sweep s = Sweep.of(SMALL);
        assertEquals("maxWorkers must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> s.withMaxWorkers(0)).getMessage());
        assertEquals("repetitions must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> s.withRepetitions(0)).getMessage());
        assertEquals("warmups must be >= 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> s.withWarmups(-1)).getMessage());
        assertEquals("worker counts must be >= 1 but one was -2",
                assertThrows(IllegalArgumentException.class, () -> s.withWorkerCounts(1, -2)).getMessage());
        assertEquals("mechanisms must be at least one, without repeats, but were [futures, futures]",
                assertThrows(IllegalArgumentException.class,
                        () -> s.withMechanisms(Mechanism.FUTURES, Mechanism.FUTURES)).getMessage());
        assertEquals("workload must not be null",
                assertThrows(NullPointerException.class, () -> Sweep.of(null)).getMessage());
    }
}

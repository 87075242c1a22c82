package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.jcn.python.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knowm.xchart.XYChart;

/** The Python mechanisms, on the default interpreter; skipped where there is no Python. */
@Timeout(120)
class PythonMechanismTest {

    @BeforeAll
    static void python() {
        assumeTrue(Python.find().isPresent(), Python::missingMessage);
    }

    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"PYTHON_THREADS", "PYTHON_PROCESSES"})
    void pythonComputesTheSplitSumAndTheCheckVerifiesIt(Mechanism mechanism) throws Exception {
        Workload sum = Workloads.sumOfRange(1_000_001);
        List<Object> results = mechanism.run(sum.tasks(3), 2);
        assertEquals(3, results.size());
        sum.check(results, 3);
        assertEquals(List.of(sum.tasks(3).stream().map(t -> {
            try {
                return t.call();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toArray()), List.of(results.toArray()));
    }

    @Test
    void aSweepMixesJavaAndPythonMechanismsAndLeavesNoInterpreterRunning() throws Exception {
        SweepResult result = Sweep.of(Workloads.cpuBoundTask(300_000))
                .withMechanisms(Mechanism.PLATFORM_THREADS, Mechanism.PYTHON_THREADS, Mechanism.PYTHON_PROCESSES)
                .withWorkerCounts(1, 2).withWarmups(1).withRepetitions(2).withQuickMode(false).run();
        assertEquals(3 * 2 * 2, result.samples().size());
        for (Mechanism m : result.mechanisms()) {
            assertTrue(result.elapsedMillis(m, 2).median() > 0);
        }
        XYChart chart = result.toSpeedupChart();
        assertEquals(List.of("platform threads", "Python threads", "Python processes", "ideal"),
                chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList(),
                "the legend (whiskers of the spread are kept out of it)");
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains("python")).count(),
                "a Python interpreter outlived the sweep");
    }

    @Test
    void aWorkloadWithoutAPythonTwinIsRefusedByName() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Mechanism.PYTHON_THREADS.run(Workloads.sleep(Duration.ofMillis(1), 2).tasks(1), 1));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("Python threads run the workloads that have a Python twin"),
                e.getCause().getMessage());
    }

    @Test
    void theFreeThreadedMechanismSaysWhatIsMissingWhereNoBuildIsInstalled() {
        assumeTrue(Python.freeThreaded().isEmpty(), "a free-threaded Python is installed here");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Mechanism.FREE_THREADED_PYTHON_THREADS.run(Workloads.sumOfRange(10).tasks(1), 1));
        assertTrue(e.getCause().getMessage().startsWith("no free-threaded Python"), e.getCause().getMessage());
        assertEquals(List.of(Mechanism.PYTHON_THREADS, Mechanism.PYTHON_PROCESSES), Mechanism.python());
    }
}

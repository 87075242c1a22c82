package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jcn.internal.display.HouseChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import tech.tablesaw.api.Table;

class SweepResultTest {

    private static final Platform TWO_CORES = new Platform("25", "V", 2, "Linux amd64", 1L << 30, "none", Instant.EPOCH);

    /** Known samples: platform threads take 100, 50, 40 ms at 1, 2, 4 workers (three rounds, one outlier). */
    private static SweepResult known() {
        List<SweepResult.Sample> samples = new ArrayList<>();
        long ms = 1_000_000;
        for (int round = 1; round <= 3; round++) {
            samples.add(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 1, round, (round == 3 ? 900 : 100) * ms, 100 * ms));
            samples.add(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 2, round, 50 * ms, 100 * ms));
            samples.add(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 4, round, 40 * ms, -1));
        }
        return new SweepResult("demo", TWO_CORES, List.of(Mechanism.PLATFORM_THREADS), new int[] {1, 2, 4}, samples);
    }

    @Test
    void speedupAndEfficiencyUseMediansAgainstTheFirstWorkerCount() {
        SweepResult r = known();
        assertEquals(100, r.elapsedMillis(Mechanism.PLATFORM_THREADS, 1).median(), 1e-9);
        assertEquals(1.0, r.speedup(Mechanism.PLATFORM_THREADS, 1), 1e-9);
        assertEquals(2.0, r.speedup(Mechanism.PLATFORM_THREADS, 2), 1e-9);
        assertEquals(2.5, r.speedup(Mechanism.PLATFORM_THREADS, 4), 1e-9);
        Table summary = r.summary();
        assertEquals(3, summary.rowCount());
        assertEquals(0.625, summary.doubleColumn("efficiency").get(2), 1e-9);
        assertEquals(3, summary.intColumn("runs").get(0));
        assertEquals(100, summary.doubleColumn("median ms").get(0), 1e-9);
    }

    @Test
    void theRawTableKeepsEverySampleAndNamesThePlatform() {
        Table raw = known().toTable();
        assertEquals(9, raw.rowCount());
        assertEquals(List.of("mechanism", "workers", "round", "elapsed ms", "cpu ms"), raw.columnNames());
        assertTrue(raw.name().contains("2 cores · Java 25"), raw.name());
        assertEquals(900, raw.doubleColumn("elapsed ms").max(), 1e-9);
        assertTrue(raw.doubleColumn("cpu ms").isMissing(2), "unknown CPU time must be missing, not -1");
    }

    @Test
    void chartsHaveOneSeriesPerMechanismAndTheSpeedupChartAnIdealLine() {
        XYChart elapsed = known().toChart();
        assertEquals(List.of("platform threads"), List.copyOf(elapsed.getSeriesMap().keySet()));
        assertTrue(elapsed.getTitle().startsWith("demo"));
        XYChart speedup = known().toSpeedupChart();
        assertEquals(List.of("platform threads", "ideal"), List.copyOf(speedup.getSeriesMap().keySet()));
        double[] ideal = speedup.getSeriesMap().get("ideal").getYData();
        assertEquals(4.0, ideal[2], 1e-9);
        double[] measured = speedup.getSeriesMap().get("platform threads").getYData();
        assertEquals(2.5, measured[2], 1e-9);
    }

    @Test
    void csvKeepsEverySampleAndThePlatformAndReadsBackEqual(@TempDir Path dir) throws Exception {
        SweepResult original = KnownSweeps.lessonTwo();
        Path file = original.writeCsv(dir.resolve("sweep.csv"));
        List<String> lines = Files.readAllLines(file);
        assertEquals(1 + original.samples().size(), lines.size());
        assertTrue(lines.get(1).startsWith("\"sum of range(2,000,000,000)\",platform threads,1,1,"), lines.get(1));
        SweepResult back = SweepResult.readCsv(file);
        assertEquals(original.workload(), back.workload());
        assertEquals(original.platform(), back.platform());
        assertEquals(original.mechanisms(), back.mechanisms());
        assertArrayEquals(original.workerCounts(), back.workerCounts());
        assertEquals(original.samples(), back.samples());
    }

    @Test
    void csvTextReadsBackEqualAndABadDateIsRefusedNamingTheSource(@TempDir Path dir) throws Exception {
        SweepResult original = KnownSweeps.lessonTwo();
        String text = Files.readString(original.writeCsv(dir.resolve("sweep.csv")));
        assertEquals(original.samples(), SweepResult.fromCsv(text, "ada.csv").samples());
        assertEquals(original.platform(), SweepResult.fromCsv(text, "ada.csv").platform());
        String message = assertThrows(IllegalArgumentException.class,
                () -> SweepResult.fromCsv(text.replace(",1970-01-01T00:00:00Z", ",yesterday"), "ada.csv")).getMessage();
        assertTrue(message.startsWith("ada.csv: the platform of the first sample: "), message);
        assertTrue(message.contains("yesterday"), message);
    }

    @Test
    void csvThatIsNotASweepsIsRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        Path file = KnownSweeps.lessonTwo().writeCsv(dir.resolve("sweep.csv"));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("virtual threads", "green threads"));
        Files.write(file, lines);
        assertEquals(file + ": line 3: unknown mechanism \"green threads\"",
                assertThrows(IllegalArgumentException.class, () -> SweepResult.readCsv(file)).getMessage());
        Files.writeString(file, "a,b\n1,2\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepResult.readCsv(file)).getMessage()
                .startsWith(file + ": line 1 must be the header workload,mechanism,"));
    }

    @Test
    void chartsAreStampedWithThePlatformTheSweepRanOn() {
        SweepResult elsewhere = KnownSweeps.amdahl(0.1, 16, 4);
        assertEquals(elsewhere.platform().label(), ((HouseChart) elsewhere.toChart()).stamp());
        assertEquals("16 cores · Java 25 · Linux amd64", ((HouseChart) elsewhere.toSpeedupChart()).stamp());
    }

    @Test
    void amdahlsSerialFractionIsRecoveredFromPointsUpToTheCoreCount() {
        assertEquals(0.05, KnownSweeps.amdahl(0.05, 4, 8).serialFraction(Mechanism.PLATFORM_THREADS), 1e-3);
        assertEquals(0.0, KnownSweeps.amdahl(0.0, 2, 4).serialFraction(Mechanism.PLATFORM_THREADS), 1e-3);
        assertTrue(Double.isNaN(KnownSweeps.amdahl(0.1, 1, 3).serialFraction(Mechanism.PLATFORM_THREADS)),
                "on one core no point lies between the first worker count and the core count");
        XYChart chart = KnownSweeps.amdahl(0.05, 4, 8).toSpeedupChart(Mechanism.PLATFORM_THREADS);
        double[] model = chart.getSeriesMap().get("Amdahl's law, 5.0% serial").getYData();
        assertEquals(1 / (0.05 + 0.95 / 4), model[3], 1e-3);
        assertEquals(model[3], model[7], 1e-9, "past the core count the law has no more cores to use");
        assertEquals("no measurement of virtual threads", assertThrows(IllegalArgumentException.class,
                () -> known().toSpeedupChart(Mechanism.VIRTUAL_THREADS)).getMessage());
    }

    @Test
    void aSweepHalfwayDrawsOnlyThePointsMeasuredSoFar() {
        SweepResult soFar = KnownSweeps.lessonTwoSoFar(5);
        assertTrue(soFar.has(Mechanism.PLATFORM_THREADS, 2));
        assertFalse(soFar.has(Mechanism.VIRTUAL_THREADS, 2));
        XYChart chart = soFar.toChart();
        assertEquals(2, chart.getSeriesMap().get("platform threads").getXData().length);
        assertEquals(1, chart.getSeriesMap().get("child JVMs").getXData().length);
    }

    @Test
    void askingForAPointThatWasNotMeasuredIsAnError() {
        assertEquals("no measurement of virtual threads with 1 workers", assertThrows(IllegalArgumentException.class,
                () -> known().elapsedMillis(Mechanism.VIRTUAL_THREADS, 1)).getMessage());
    }
}

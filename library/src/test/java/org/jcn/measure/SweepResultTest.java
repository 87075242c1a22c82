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
        assertEquals(0.63, summary.doubleColumn("efficiency").get(2), 1e-9, "0.625, rounded to two decimals");
        assertEquals(3, summary.intColumn("runs").get(0));
        assertEquals(100, summary.doubleColumn("median ms").get(0), 1e-9);
    }

    @Test
    void theRawTableKeepsEverySampleAndNamesThePlatform() {
        Table raw = known().toTable();
        assertEquals(9, raw.rowCount());
        assertEquals(List.of("mechanism", "workers", "round", "elapsed ms", "cpu ms", "other cpu ms", "throttled ms"),
                raw.columnNames());
        assertTrue(raw.name().contains("2 cores · Java 25"), raw.name());
        assertEquals(900, raw.doubleColumn("elapsed ms").max(), 1e-9);
        assertTrue(raw.doubleColumn("cpu ms").isMissing(2), "unknown CPU time must be missing, not -1");
    }

    @Test
    void chartsHaveOneSeriesPerMechanismAndTheSpeedupChartAnIdealLine() {
        XYChart elapsed = known().toChart();
        assertEquals(List.of("platform threads"), inLegend(elapsed));
        assertTrue(elapsed.getTitle().startsWith("demo"));
        XYChart speedup = known().toSpeedupChart();
        assertEquals(List.of("platform threads", "ideal"), inLegend(speedup));
        double[] ideal = speedup.getSeriesMap().get("ideal").getYData();
        assertEquals(4.0, ideal[2], 1e-9);
        double[] measured = speedup.getSeriesMap().get("platform threads").getYData();
        assertEquals(2.5, measured[2], 1e-9);
    }

    private static List<String> inLegend(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList();
    }

    @Test
    void spreadIsDrawnAsWhiskersFromTheQuartilesAndSpeedupsCarryTheirInterval() {
        SweepResult r = known();   // one worker: 100, 100 and 900 ms, so q1 = 100 and q3 = 500
        double[] whisker = r.toChart().getSeriesMap().get("platform threads · spread at 1").getYData();
        assertArrayEquals(new double[] {100, 500}, whisker, 1e-9);
        assertFalse(r.toChart().getSeriesMap().get("platform threads · spread at 1").isShowInLegend());
        assertFalse(r.toChart().getSeriesMap().containsKey("platform threads · spread at 2"),
                "a point whose runs agree gets no whisker");
        SweepResult.Range two = r.speedupRange(Mechanism.PLATFORM_THREADS, 2);
        assertEquals(2.0, two.estimate(), 1e-9);
        assertEquals(100 / 50.0, two.low(), 1e-9);
        assertEquals(500 / 50.0, two.high(), 1e-9);
        assertArrayEquals(new double[] {2.0, 10.0},
                r.toSpeedupChart().getSeriesMap().get("platform threads · spread at 2").getYData(), 1e-9);
    }

    @Test
    void coresUsedIsTheTreesCpuTimeOverWallTime() {
        SweepResult r = known();
        assertEquals(1.0, r.coresUsed(Mechanism.PLATFORM_THREADS, 1).median(), 1e-9);   // 100 ms CPU in 100 ms
        assertEquals(2.0, r.coresUsed(Mechanism.PLATFORM_THREADS, 2).median(), 1e-9);   // 100 ms CPU in 50 ms
        assertTrue(Double.isNaN(r.coresUsed(Mechanism.PLATFORM_THREADS, 4).median()), "unknown CPU time");
        XYChart chart = r.toCoresChart();
        assertEquals(List.of("platform threads", "one core per worker"), inLegend(chart));
        assertArrayEquals(new double[] {1, 2}, chart.getSeriesMap().get("platform threads").getXData(), 1e-9);
        assertArrayEquals(new double[] {1, 2, 2}, chart.getSeriesMap().get("one core per worker").getYData(), 1e-9);
    }

    @Test
    void theVerdictWeighsOtherProcessesCpuAgainstTheMachinesAndShowsOnChartsAndSummary() {
        long ms = 1_000_000;
        List<SweepResult.Sample> samples = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            // 100 ms of wall time on 2 host CPUs is 200 ms of capacity: other processes took 120 ms, 60%.
            samples.add(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 1, round, 100 * ms, 100 * ms, 120 * ms, 0, -1));
            samples.add(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 2, round, 60 * ms, 110 * ms, 72 * ms, 0, -1));
        }
        SweepResult busy = new SweepResult("busy", TWO_CORES, List.of(Mechanism.PLATFORM_THREADS), new int[] {1, 2},
                samples);
        Verdict v = busy.verdict();
        assertFalse(v.trustworthy());
        assertEquals(0.60, v.otherCpuShare(), 1e-9);
        assertEquals(0.0, v.throttledShare(), 1e-9);
        assertEquals(v.sentence(), ((HouseChart) busy.toSpeedupChart()).verdict());
        assertTrue(busy.summary().name().endsWith(v.sentence()), busy.summary().name());
        assertTrue(busy.toString().endsWith(v.sentence()), busy.toString());
        assertTrue(known().verdict().sentence().contains("differ by up to 400%"), known().verdict().sentence());
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
    void csvKeepsALineBreakAQuoteAndSpacesInsideAField(@TempDir Path dir) throws Exception {
        long ms = 1_000_000;
        String workload = "  sum of \"range\",\nline two\r\nline three ";
        SweepResult odd = new SweepResult(workload, TWO_CORES, List.of(Mechanism.PLATFORM_THREADS), new int[] {1, 2},
                List.of(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 1, 1, 100 * ms, 90 * ms, 0, 0, 100 * ms),
                        new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 2, 1, 60 * ms, 110 * ms, 0, 0, 60 * ms)));
        Path file = odd.writeCsv(dir.resolve("odd.csv"));
        SweepResult back = SweepResult.readCsv(file);
        assertEquals(workload, back.workload());
        assertEquals(odd.samples(), back.samples());
        assertEquals(odd.samples(), SweepResult.fromCsv(Files.readString(file), "odd.csv").samples());
    }

    @Test
    void csvKeepsTheMachinesLoadAndReadsFilesWrittenBeforeItWasRecorded(@TempDir Path dir) throws Exception {
        long ms = 1_000_000;
        SweepResult loaded = new SweepResult("w", TWO_CORES, List.of(Mechanism.PLATFORM_THREADS), new int[] {1},
                List.of(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 1, 1, 100 * ms, 90 * ms, 40 * ms, 5 * ms, 102 * ms)));
        assertEquals(loaded.samples(), SweepResult.readCsv(loaded.writeCsv(dir.resolve("new.csv"))).samples());
        List<String> old = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("new.csv"))) {
            String kept = line;
            for (int i = 0; i < 3; i++) {
                kept = kept.substring(0, kept.lastIndexOf(','));   // drop other_cpu_ns, throttled_ns, metered_ns
            }
            old.add(kept);
        }
        Files.write(dir.resolve("old.csv"), old);
        SweepResult.Sample back = SweepResult.readCsv(dir.resolve("old.csv")).samples().get(0);
        assertEquals(-1, back.otherCpuNanos());
        assertEquals(-1, back.throttledNanos());
        assertEquals(90 * ms, back.cpuNanos());
        assertEquals(100 * ms, back.cpuWindowNanos(), "without a metered time the wall time stands in");
    }

    @Test
    void coresUsedDividesByTheTimeTheCpuWasMeteredOver() {
        long ms = 1_000_000;
        SweepResult r = new SweepResult("w", TWO_CORES, List.of(Mechanism.PLATFORM_THREADS), new int[] {1},
                List.of(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, 1, 1, 50 * ms, 100 * ms, 0, 0, 200 * ms)));
        assertEquals(0.5, r.coresUsed(Mechanism.PLATFORM_THREADS, 1).median(), 1e-9,
                "100 ms of CPU over the 200 ms between the readings, not over the 50 ms timed");
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

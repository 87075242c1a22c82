package org.jcn.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jcn.display.Charts;
import org.jcn.internal.display.HouseChart;
import org.jcn.measure.KnownSweeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import tech.tablesaw.api.Table;

@Timeout(30)
class ClassResultsTest {

    /** Two 2-core machines (one perfect, one half serial) and an 8-core one, all measured up to 3 or 9 workers. */
    private static ClassResults threeMachines() {
        return ClassResults.of(Map.of(
                "ada", KnownSweeps.amdahl(0.0, 2, 3),
                "bob", KnownSweeps.amdahl(0.5, 2, 3),
                "grace", KnownSweeps.amdahl(0.0, 8, 9)));
    }

    @Test
    void theTableHasOneRowPerLearnerWithTheirCoresAndSpeedups() {
        Table t = threeMachines().toTable();
        assertEquals(List.of("ada", "bob", "grace"), t.stringColumn("learner").asList());
        assertEquals(List.of(2, 2, 8), t.intColumn("cores").asList());
        assertEquals(List.of(2.0, 1.33, 2.0), t.doubleColumn("speedup at 2 workers").asList());
        assertEquals(List.of(2.0, 1.33, 8.0), t.doubleColumn("best speedup").asList());
        assertEquals(List.of(2, 2, 8), t.intColumn("at workers").asList());
    }

    @Test
    void theMachinesTableCountsCoreCountsAndJavaVersions() {
        Table t = threeMachines().toMachinesTable();
        assertEquals(List.of(2, 8), t.intColumn("cores").asList());
        assertEquals(List.of("Java 25", "Java 25"), t.stringColumn("Java").asList());
        assertEquals(List.of(2, 1), t.intColumn("machines").asList());
    }

    @Test
    void theChartShowsEveryMachinesPointsTheMedianAndTheIdeal() {
        XYChart chart = threeMachines().toSpeedupChart();
        assertEquals(List.of("one machine", "class median", "ideal"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries points = chart.getSeriesMap().get("one machine");
        assertEquals(3 + 3 + 9, points.getXData().length);
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, points.getXYSeriesRenderStyle());
        // The median at 2 workers of 2.0, 1.33 and 2.0; at 9 workers only the 8-core machine.
        double[] median = chart.getSeriesMap().get("class median").getYData();
        assertEquals(2.0, median[1], 1e-6);
        assertEquals(8.0, median[8], 1e-6);
        assertEquals("3 machines · 2-8 cores · Java 25", ((HouseChart) chart).stamp());
        assertTrue(Arrays.stream(points.getXData()).allMatch(x -> x >= 0.85 && x <= 9.15));
        assertTrue(Charts.png(chart).length > 1000);
    }

    @Test
    void anEmptyClassSaysSoInsteadOfDrawing() {
        var e = assertThrows(IllegalStateException.class, () -> ClassResults.of(Map.of()).toSpeedupChart());
        assertEquals("no learner's sweep was read", e.getMessage());
    }

    @Test
    void anUnknownLearnerIsNamedWithTheClass() {
        var e = assertThrows(IllegalArgumentException.class, () -> threeMachines().sweep("zoe"));
        assertEquals("no sweep of learner \"zoe\"; the class has [ada, bob, grace]", e.getMessage());
    }
}

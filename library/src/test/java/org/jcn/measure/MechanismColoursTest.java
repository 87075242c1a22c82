package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jcn.internal.display.HouseStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** One colour per mechanism, on every chart the library draws: a learner can follow a mechanism across lessons. */
@Timeout(120)
class MechanismColoursTest {

    private static final Map<String, Mechanism> BY_LABEL = new HashMap<>();

    static {
        for (Mechanism m : Mechanism.values()) {
            BY_LABEL.put(m.label(), m);
        }
    }

    @Test
    void everyMechanismHasAColourOfItsOwn() {
        assertEquals(Mechanism.values().length, java.util.Arrays.stream(Mechanism.values())
                .map(m -> HouseStyle.PALETTE[SweepCharts.colour(m) % HouseStyle.PALETTE.length]).distinct().count());
    }

    @Test
    void sweepChartsPaintEachMechanismInItsColourWhateverTheOrderOfTheSweep() {
        SweepResult r = KnownSweeps.lessonTwo();   // mechanisms in another order than the enum's
        Map<Mechanism, Color> seen = new HashMap<>();
        for (XYChart chart : List.of(r.toChart(), r.toSpeedupChart(), r.toSpeedupChart(Mechanism.PLATFORM_THREADS),
                r.toCoresChart())) {
            for (XYSeries s : chart.getSeriesMap().values()) {
                Mechanism m = BY_LABEL.get(s.getName().split(" · ")[0]);
                if (m != null) {
                    assertEquals(expected(m), s.getLineColor(), chart.getTitle() + ": " + s.getName());
                    Color before = seen.putIfAbsent(m, s.getLineColor());
                    assertTrue(before == null || before.equals(s.getLineColor()), m + " in two colours");
                }
            }
        }
        assertEquals(r.mechanisms().size(), seen.size());
    }

    @Test
    void timelinesPaintPlatformThreadsAndChildJvmsInTheirMechanismsColoursAndCarriersInOthers() throws Exception {
        Timeline timeline = Timeline.start();
        timeline.run(Mechanism.PLATFORM_THREADS, 2, Workloads.sumOfRange(1_000_000));
        timeline.run(Mechanism.VIRTUAL_THREADS, 2, Workloads.sleep(java.time.Duration.ofMillis(20), 4));
        timeline.run(Mechanism.CHILD_PROCESSES, 1, Workloads.sumOfRange(1_000_000));
        Map<String, Color> legend = new HashMap<>();
        for (XYSeries s : timeline.toChart().getSeriesMap().values()) {
            if (s.isShowInLegend()) {
                legend.put(s.getName(), s.getLineColor());
            }
        }
        assertEquals(expected(Mechanism.PLATFORM_THREADS), legend.get("on a platform thread"), legend.toString());
        assertEquals(expected(Mechanism.CHILD_PROCESSES), legend.get("in a child JVM"), legend.toString());
        List<Color> carriers = legend.entrySet().stream().filter(e -> e.getKey().startsWith("on carrier"))
                .map(Map.Entry::getValue).toList();
        assertFalse(carriers.isEmpty(), legend.toString());
        for (Color c : carriers) {
            assertFalse(c.equals(expected(Mechanism.PLATFORM_THREADS)) || c.equals(expected(Mechanism.CHILD_PROCESSES)),
                    "a carrier in a mechanism's colour: " + legend);
        }
        assertEquals(carriers.size(), carriers.stream().distinct().count(), "two carriers in one colour: " + legend);
    }

    private static Color expected(Mechanism m) {
        return HouseStyle.PALETTE[m.ordinal() % HouseStyle.PALETTE.length];
    }
}

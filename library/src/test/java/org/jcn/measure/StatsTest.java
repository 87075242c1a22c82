package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianAndQuartilesOfAnOddCount() {
        Stats s = Stats.of(5, 1, 4, 2, 3);
        assertEquals(5, s.count());
        assertEquals(1, s.min());
        assertEquals(2, s.q1());
        assertEquals(3, s.median());
        assertEquals(4, s.q3());
        assertEquals(5, s.max());
        assertEquals(2, s.spread());
    }

    @Test
    void quartilesInterpolateBetweenSamples() {
        Stats s = Stats.of(10, 20, 30, 40);
        assertEquals(17.5, s.q1(), 1e-12);
        assertEquals(25, s.median(), 1e-12);
        assertEquals(32.5, s.q3(), 1e-12);
    }

    @Test
    void oneOutlierMovesTheMaximumButNotTheMedian() {
        Stats s = Stats.of(100, 101, 99, 100, 5000);
        assertEquals(100, s.median());
        assertEquals(5000, s.max());
    }

    @Test
    void aSingleSampleIsItsOwnSummary() {
        Stats s = Stats.of(7.5);
        assertEquals(7.5, s.min());
        assertEquals(7.5, s.median());
        assertEquals(0, s.spread());
    }

    @Test
    void theMediansUncertaintyIsTheBoxPlotNotchAndShrinksWithMoreRuns() {
        Stats five = Stats.of(8, 9, 10, 11, 12);
        assertEquals(1.57 * 2 / Math.sqrt(5) / 10, five.medianUncertainty(), 1e-12);
        Stats twenty = Stats.of(8, 9, 10, 11, 12, 8, 9, 10, 11, 12, 8, 9, 10, 11, 12, 8, 9, 10, 11, 12);
        assertEquals(five.spread(), twenty.spread(), 1e-12);
        assertEquals(five.medianUncertainty() / 2, twenty.medianUncertainty(), 1e-12);
        assertEquals(Double.NaN, Stats.of(1, 2).medianUncertainty());
    }

    @Test
    void theSamplesAreNotReordered() {
        double[] samples = {3, 1, 2};
        Stats.of(samples);
        assertEquals(3, samples[0]);
    }

    @Test
    void badSamplesAreRejected() {
        assertEquals("samples must not be empty",
                assertThrows(IllegalArgumentException.class, () -> Stats.of()).getMessage());
        assertEquals("samples must not contain NaN",
                assertThrows(IllegalArgumentException.class, () -> Stats.of(1, Double.NaN)).getMessage());
        assertEquals("samples must not be null",
                assertThrows(NullPointerException.class, () -> Stats.of((double[]) null)).getMessage());
    }
}

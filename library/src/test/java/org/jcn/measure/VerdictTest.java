package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void aQuietRunSaysSoInAFewWords() {
        Verdict v = Verdict.of(0.03, 0.12, 0.04, 0.0, 2);
        assertTrue(v.trustworthy());
        assertEquals("Quiet machine: other processes used 3% of the CPU; every median is known to ±4%.", v.sentence());
        assertEquals(0.10, v.noiseThreshold(), 1e-9);
    }

    @Test
    void otherProcessesTakingTheCpuMakeItNoiseAndSayWhatToDo() {
        Verdict v = Verdict.of(0.61, 0.05, 0.05, 0.0, 2);
        assertFalse(v.trustworthy());
        assertEquals(0.65, v.noiseThreshold(), 1e-9);
        assertEquals("Other processes used 61% of the CPU while this ran; differences under 65% are noise here. "
                + "Run it again when `uptime` shows a load under 1.", v.sentence());
    }

    @Test
    void anUncertainMedianAloneIsFlaggedWithItsOwnCause() {
        Verdict v = Verdict.of(0.02, 0.30, 0.21, Double.NaN, 4);
        assertFalse(v.trustworthy());
        assertEquals(0.45, v.noiseThreshold(), 1e-9);
        assertTrue(v.sentence().startsWith("Repeated runs of one point differ by up to 30%, so its median is known "
                + "only to ±21%; differences under 45% are noise here."), v.sentence());
        assertTrue(v.sentence().endsWith("Run it again, or with more rounds."), v.sentence());
    }

    @Test
    void aWideSpreadWhoseMedianIsStillKnownIsNotNoise() {
        // A millisecond-long point scatters by 30% on an idle machine; thirty runs still pin its median to ±9%.
        Verdict v = Verdict.of(0.01, 0.30, 0.09, 0.0, 2);
        assertTrue(v.trustworthy(), v.sentence());
        assertEquals(0.20, v.noiseThreshold(), 1e-9);
    }

    @Test
    void throttlingByACpuQuotaIsFlagged() {
        Verdict v = Verdict.of(0.01, 0.02, 0.02, 0.40, 2);
        assertFalse(v.trustworthy());
        assertTrue(v.sentence().startsWith("A CPU quota held it back 40% of the time"), v.sentence());
    }

    @Test
    void oneCoreIsSaidWhateverTheNoise() {
        assertTrue(Verdict.of(0.0, 0.01, 0.01, 0.0, 1).sentence().endsWith(
                "This kernel has one core: more workers cannot make CPU-bound work faster here."));
    }

    @Test
    void aSingleRoundHasNoKnownSpread() {
        Verdict v = Verdict.of(0.01, Double.NaN, Double.NaN, Double.NaN, 2);
        assertTrue(v.trustworthy());
        assertTrue(v.sentence().contains("one run per point, so its spread is unknown"), v.sentence());
    }

    @Test
    void aDifferenceCountsOnlyAboveTheNoise() {
        Verdict quiet = Verdict.of(0.0, 0.02, 0.02, 0.0, 2);
        assertTrue(quiet.showsDifference(1.5));
        assertTrue(quiet.showsDifference(1 / 1.5));
        assertFalse(quiet.showsDifference(1.05));
        Verdict noisy = Verdict.of(0.5, 0.02, 0.02, 0.0, 2);
        assertFalse(noisy.showsDifference(1.4));
        assertThrows(IllegalArgumentException.class, () -> noisy.showsDifference(0));
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertEquals("cores must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Verdict.of(0, 0, 0, 0, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Verdict.of(-0.1, 0, 0, 0, 2)).getMessage()
                .contains("-0.1"));
    }

    @Test
    void aFindingIsMarkedNoisyWhenTheRunCannotBeTrusted() {
        assertEquals("threads 1.9x. " + Verdict.of(0.01, 0.02, 0.02, 0.0, 2).sentence(),
                Verdict.of(0.01, 0.02, 0.02, 0.0, 2).about("threads 1.9x"));
        assertTrue(Verdict.of(0.5, 0.02, 0.02, 0.0, 2).about("threads 0.8x")
                .startsWith("Noisy run: threads 0.8x. Other"));
    }
}

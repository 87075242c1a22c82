package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class FootprintTest {

    @Test
    void arraysCountTheirElements() {
        assertEquals(8_000_016, Footprint.estimate(new long[1_000_000]));
        assertEquals(0, Footprint.estimate(null));
    }

    @Test
    void aListOfArraysCountsItsArrays() {
        List<long[]> hog = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hog.add(new long[100_000]);
        }
        long estimate = Footprint.estimate(hog);
        assertTrue(estimate >= 8_000_000 && estimate < 8_100_000, "estimate " + estimate);
    }

    @Test
    void theLargestVariablesAreNamedWithHowToFreeThem() {
        Map<String, Object> variables = new TreeMap<>();
        variables.put("small", 1);
        variables.put("hog", new ArrayList<>(List.of(new long[1_000_000], new long[1_000_000])));
        variables.put("bytes", new byte[3_000_000]);
        assertEquals("The largest session variables: hog (ArrayList, about 15 MiB), bytes (byte[], about 2 MiB)."
                + " Free the memory with hog = null; bytes = null; (or restart the kernel, which loses every variable).",
                HeapReport.largestVariables(variables));
    }

    @Test
    void sizesReadAsAPersonWouldSayThem() {
        assertEquals("4.8 GiB", Footprint.bytes(5_153_960_755L));
        assertEquals("310 MiB", Footprint.bytes(310L << 20));
        assertEquals("1 KiB", Footprint.bytes(10));
    }
}

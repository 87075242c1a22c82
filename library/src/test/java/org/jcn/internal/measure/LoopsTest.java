package org.jcn.internal.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopsTest {

    @Test
    void sumOfRangeIsTheClosedFormAcrossBlockBoundaries() {
        long n = (1L << 22) * 3 + 17;
        assertEquals(n * (n - 1) / 2, Loops.sumOfRange(0, n));
        assertEquals(0, Loops.sumOfRange(5, 5));
        assertEquals(5 + 6 + 7, Loops.sumOfRange(5, 8));
    }

    @Test
    void trialDivisionAgreesWithTheSieve() {
        for (int limit : new int[] {2, 3, 10, 97, 98, 10_000}) {
            assertEquals(Loops.countPrimesBySieve(limit), Loops.countPrimes(0, 1, limit), "limit " + limit);
        }
        assertEquals(25, Loops.countPrimesBySieve(100));
        assertTrue(Loops.isPrime(2));
        assertFalse(Loops.isPrime(1));
        assertFalse(Loops.isPrime(9));
    }
}

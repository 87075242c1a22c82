package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How often the memory watch looks at the heap. */
class MemoryWatchTest {

    private static final long GIB = 1L << 30;

    @Test
    void theWatchLooksMoreOftenTheLessRoomIsLeft() {
        long max = 6 * GIB;
        assertEquals(MemoryWatch.MAX_MILLIS, MemoryWatch.pauseMillis(0, max), "an empty heap: the longest pause");
        assertEquals(187, MemoryWatch.pauseMillis(max * 60 / 100, max), "1.5 GiB of room at 8 GiB a second");
        assertEquals(MemoryWatch.MIN_MILLIS, MemoryWatch.pauseMillis(max * 84 / 100, max), "nearly full");
        assertEquals(MemoryWatch.MIN_MILLIS, MemoryWatch.pauseMillis(max, max), "full");
        assertEquals(MemoryWatch.pauseMillis(max / 2, max), MemoryWatch.pauseMillis(max / 2, max, 0, 100),
                "a heap that does not grow: the pause for its room");
        long halfTheFill = MemoryWatch.pauseMillis(max * 50 / 100, max, max * 10 / 100, 20);
        assertTrue(halfTheFill >= 34 && halfTheFill <= 35,
                "35% of room, filling 10% in 20 ms: half the 70 ms it needs, not " + halfTheFill);
        assertEquals(MemoryWatch.FAST_MIN_MILLIS, MemoryWatch.pauseMillis(max * 80 / 100, max, max * 10 / 100, 5),
                "nearly at the mark and filling fast: the shortest pause");
    }
}

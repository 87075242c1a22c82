package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    }
}

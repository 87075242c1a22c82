package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DropLogTest {

    @Test
    void logsOneLinePerIntervalAndCountsTheRest() {
        AtomicLong now = new AtomicLong();
        DropLog drops = new DropLog(Duration.ofSeconds(1), now::get);
        assertEquals("dropped a message on shell: bad signature", drops.dropped("shell", "bad signature"));
        for (int i = 0; i < 1000; i++) {
            assertNull(drops.dropped("control", "too few frames"));
        }
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals("dropped a message on stdin: bad signature (and 1000 more since the last line)",
                drops.dropped("stdin", "bad signature"));
        assertEquals(1002, drops.total());
    }

    @Test
    void aNegativeIntervalIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DropLog(Duration.ofSeconds(-1), () -> 0));
        assertEquals("interval must not be negative: PT-1S", e.getMessage());
    }
}

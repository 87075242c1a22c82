package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tech.tablesaw.api.Table;

@Timeout(120)
class FootprintTest {

    @Test
    void measuresEachKindFromTheOperatingSystemAndLeavesNoProbeRunning() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        long before = ProcessHandle.current().descendants().count();
        Table t = Footprint.measure(100, 1_000, 1);
        assertEquals(3, t.rowCount());
        assertEquals("platform thread", t.stringColumn("unit").get(0));
        double platform = t.doubleColumn("RSS KiB per unit").get(0);
        double virtual = t.doubleColumn("RSS KiB per unit").get(1);
        double child = t.doubleColumn("RSS KiB per unit").get(2);
        assertTrue(child > 1024, "an idle JVM is bigger than 1 MiB, measured " + child + " KiB");
        assertTrue(platform > virtual, "a platform thread (" + platform + " KiB) must cost more than a virtual one ("
                + virtual + " KiB)");
        assertTrue(platform >= 0 && virtual >= 0);
        assertEquals(before, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
    }

    @Test
    void countsBelowOneAreRejected() {
        assertEquals("platformThreads must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Footprint.measure(0, 1, 1)).getMessage());
        assertEquals("childJvms must be >= 1 but was -1",
                assertThrows(IllegalArgumentException.class, () -> Footprint.measure(1, 1, -1)).getMessage());
    }
}

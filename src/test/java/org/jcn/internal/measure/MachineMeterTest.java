package org.jcn.internal.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jcn.testing.CompetingLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MachineMeterTest {

    private static final MachineMeter METER = MachineMeter.open();

    @Test
    void aBusyChildProcessCountsAsTheTreesOwnCpu() throws Exception {
        Process child = new ProcessBuilder("timeout", "5", "sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(100);
            MachineMeter.Reading before = METER.read();
            Thread.sleep(1000);
            MachineMeter.Usage usage = before.until(METER.read());
            // The child spun for about a second; this JVM slept.
            assertTrue(usage.treeNanos() > 500_000_000L, usage.toString());
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void busyProcessesOutsideTheTreeCountAsOtherProcessesCpu() throws Exception {
        try (CompetingLoad load = CompetingLoad.start(1, Duration.ofSeconds(10))) {
            Thread.sleep(100);
            MachineMeter.Reading before = METER.read();
            Thread.sleep(1000);
            MachineMeter.Usage usage = before.until(METER.read());
            assertTrue(usage.otherNanos() > 500_000_000L, usage.toString());
            assertTrue(usage.treeNanos() < 300_000_000L, "the load is not this JVM's: " + usage);
        }
    }

    @Test
    void throttlingIsReadFromCpuStatInEitherCgroupVersion(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path v1 = java.nio.file.Files.writeString(dir.resolve("v1"),
                "nr_periods 10\nnr_throttled 3\nthrottled_time 123456789\n");
        java.nio.file.Path v2 = java.nio.file.Files.writeString(dir.resolve("v2"),
                "usage_usec 5\nnr_throttled 3\nthrottled_usec 250\n");
        assertTrue(CpuLimits.throttledNanos(v1) == 123_456_789L);
        assertTrue(CpuLimits.throttledNanos(v2) == 250_000L);
        assertTrue(CpuLimits.throttledNanos(dir.resolve("missing")) == 0);
    }
}

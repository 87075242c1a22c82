package org.jcn.internal.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jcn.internal.machine.CpuLimits;
import org.jcn.testing.CompetingLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MachineMeterTest {

    private static final MachineMeter METER = MachineMeter.open();

    @Test
    void aBusyChildProcessCountsAsTheTreesOwnCpu() throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "exec timeout 5 sh -c 'while :; do :; done'").start();
        try {
            Thread.sleep(100);
            ProcessHandle loop = child.toHandle().descendants().findFirst().orElse(child.toHandle());
            java.time.Duration loopBefore = loop.info().totalCpuDuration().orElseThrow();
            MachineMeter.Reading before = METER.read();
            Thread.sleep(1000);
            MachineMeter.Usage usage = before.until(METER.read());
            long loopNanos = loop.info().totalCpuDuration().orElseThrow().minus(loopBefore).toNanos();
            // Whatever share of a core the loop got on a busy machine, the tree counts at least that (less the
            // kernel's tick rounding of the JDK's own figure).
            assertTrue(loopNanos > 0, "the loop ran");
            assertTrue(usage.treeNanos() >= loopNanos - 30_000_000L, usage + " against the loop's " + loopNanos);
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
            // The busy loop is not in the tree: the tree (this JVM, sleeping) used a small part of what others used.
            assertTrue(usage.otherNanos() > 200_000_000L, usage.toString());
            assertTrue(usage.treeNanos() < usage.otherNanos() / 2, "the load is not this JVM's: " + usage);
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

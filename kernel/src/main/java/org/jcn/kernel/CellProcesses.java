package org.jcn.kernel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes a cell started itself ({@code new ProcessBuilder("sleep", "600").start()}), found among the
 * kernel's children by their start time, so that an interrupt of the cell stops them as it stops its threads; a
 * process a cell waits for would otherwise keep running after the wait is interrupted. Child JVMs of the library
 * are the kernel's children too and are stopped the same way (their owners also stop them).
 */
final class CellProcesses {

    // The difference between the process clock's start times and the JVM's clock, measured once per JVM.
    private static volatile java.time.Duration offset;

    private CellProcesses() {
    }

    private static java.time.Duration offset() {
        java.time.Duration known = offset;
        if (known == null) {
            Instant byClock = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean()
                    .getStartTime());
            known = ProcessHandle.current().info().startInstant()
                    .map(byBoot -> java.time.Duration.between(byClock, byBoot)).orElse(java.time.Duration.ZERO);
            offset = known;
        }
        return known;
    }

    /**
     * The kernel's child processes started at or after {@code since}. Linux gives a process's start time from the
     * boot time in whole seconds, so it can be a second off the clock; the offset is measured once on the kernel's
     * own process, whose start the JVM also records by the clock.
     */
    static List<ProcessHandle> startedSince(Instant since) {
        Instant shifted = since.plus(offset()).minusMillis(100);
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.current().children().forEach(child -> child.info().startInstant()
                .filter(start -> !start.isBefore(shifted))
                .ifPresent(start -> found.add(child)));
        return found;
    }

    /** "process 1234 (sleep)" for each process. */
    static List<String> describe(List<ProcessHandle> processes) {
        return processes.stream().map(p -> "process " + p.pid() + " ("
                + p.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("?") + ")").toList();
    }

    /** Ends each process and its descendants (SIGTERM, as the kernel's own shutdown does). */
    static void stop(List<ProcessHandle> processes) {
        for (ProcessHandle process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }
}

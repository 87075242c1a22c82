package org.jcn.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jcn.internal.measure.FootprintProbe;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Measures the memory cost of one more platform thread, virtual thread and child JVM, as the operating system
 * sees it: resident set size (RSS), read from {@code /proc} (Linux only).
 *
 * <p>Threads are measured in fresh child JVMs, so that the kernel's own heap does not hide or inflate them: each
 * probe starts many parked threads and reports how much its RSS and its live heap grew, divided by the count. A
 * child JVM's cost is its whole RSS once it is up and idle. Every probe process is waited for or destroyed
 * before a method returns.
 *
 * {@snippet :
 * Footprint.measure();   // a table: platform thread, virtual thread, child JVM
 * }
 */
public final class Footprint {

    private static final long PROBE_TIMEOUT_SECONDS = 60;

    private Footprint() {
    }

    /**
     * Measures with default counts: 1,000 platform threads, 10,000 virtual threads, 2 child JVMs (in
     * {@link QuickMode}: 200, 2,000 and 1).
     *
     * @return the footprint table
     * @throws UnsupportedOperationException if this operating system has no {@code /proc}
     * @throws InterruptedException          if interrupted while a probe runs (the probe is destroyed)
     */
    public static Table measure() throws InterruptedException {
        return measure(QuickMode.choose(1_000, 200), QuickMode.choose(10_000, 2_000), QuickMode.choose(2, 1));
    }

    /**
     * Measures with the given counts.
     *
     * @param platformThreads how many platform threads one probe starts, at least 1
     * @param virtualThreads  how many virtual threads one probe starts, at least 1
     * @param childJvms       how many idle child JVMs to measure, at least 1
     * @return a table with one row per kind: count, RSS growth per unit, live heap growth per unit (KiB)
     * @throws IllegalArgumentException      if a count is below 1
     * @throws UnsupportedOperationException if this operating system has no {@code /proc}
     * @throws InterruptedException          if interrupted while a probe runs (the probe is destroyed)
     */
    public static Table measure(int platformThreads, int virtualThreads, int childJvms) throws InterruptedException {
        positive("platformThreads", platformThreads);
        positive("virtualThreads", virtualThreads);
        positive("childJvms", childJvms);
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            throw new UnsupportedOperationException("memory footprints are read from /proc, which "
                    + System.getProperty("os.name") + " does not have (Linux only)");
        }
        long[] platform = probe("platform", platformThreads);
        long[] virtual = probe("virtual", virtualThreads);
        double childKib = 0;
        for (int i = 0; i < childJvms; i++) {
            childKib += probe("virtual", 1)[0] / 1024.0;  // a probe's RSS before it starts anything: an idle JVM
        }
        return Table.create("memory per unit · " + Platform.current().label(),
                StringColumn.create("unit", "platform thread", "virtual thread", "child JVM (process)"),
                IntColumn.create("measured", platformThreads, virtualThreads, childJvms),
                DoubleColumn.create("RSS KiB per unit", perUnit(platform[1] - platform[0], platformThreads),
                        perUnit(virtual[1] - virtual[0], virtualThreads), childKib / childJvms),
                DoubleColumn.create("heap KiB per unit", perUnit(platform[3] - platform[2], platformThreads),
                        perUnit(virtual[3] - virtual[2], virtualThreads), Double.NaN));
    }

    /** Growth per unit; a slightly negative figure is measurement noise (a GC in between) and reads as 0. */
    private static double perUnit(long bytes, int count) {
        return Math.max(0, bytes / 1024.0 / count);
    }

    /** Runs one probe JVM; returns rssBefore, rssAfter, heapBefore, heapAfter in bytes. */
    private static long[] probe(String kind, int count) throws InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = codeSource();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, FootprintProbe.class.getName(), kind,
                Integer.toString(count)));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a probe JVM with " + java, e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the footprint probe (" + kind + ", " + count
                        + ") did not finish within " + PROBE_TIMEOUT_SECONDS + " s");
            }
            String[] parts = line == null ? new String[0] : line.trim().split(" ");
            if (process.exitValue() != 0 || parts.length != 4) {
                throw new IllegalStateException("the footprint probe (" + kind + ", " + count + ") failed with exit "
                        + process.exitValue() + ": " + line);
            }
            long[] values = new long[4];
            for (int i = 0; i < 4; i++) {
                values[i] = Long.parseLong(parts[i]);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the footprint probe's output", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String codeSource() {
        try {
            return Path.of(FootprintProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the library's classes", e);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 but was " + value);
        }
    }
}

package org.jcn.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.Sweep;
import org.jcn.measure.Workload;
import org.jcn.measure.Workloads;

/**
 * The child JVMs that the lessons' child-JVM sweeps hold at once, and their memory, on simulated 8- and 16-core
 * machines, in quick and in full mode.
 *
 * <p>Each configuration runs in a JVM of its own started with {@code -XX:ActiveProcessorCount=N} (its child JVMs
 * get the same flag), which runs the sweeps of lessons 01 to 05 with their mechanisms and worker counts, smaller
 * sums and one round (the JVM count, not the sum, sets the memory). This JVM samples that one's child JVMs every
 * 50 ms and reports, per sweep, the most alive at once and their memory at its peak: resident (RSS, summed over
 * the JVMs, so shared pages count once per JVM) and proportional (PSS, shared pages split between them: what the
 * machine really gives them). Linux only (/proc).
 */
public final class SweepMemoryBenchmark {

    private static final String CHILD_MAIN = "org.jcn.internal.process.ChildMain";

    private SweepMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].startsWith("sweeps")) {
            runSweeps(args[0].equals("sweeps-quick"));
            return;
        }
        System.out.println("host: " + Platform.current().label() + "; sweeps run on simulated cores");
        System.out.printf(Locale.ROOT, "%-6s %-6s %-44s %8s %6s %8s %8s%n", "cores", "mode", "sweep (lesson, cell)",
                "counts", "peak", "RSS MB", "PSS MB");
        boolean allWithin = true;
        for (int cores : new int[] {8, 16}) {
            for (boolean quick : new boolean[] {true, false}) {
                allWithin &= measure(cores, quick);
            }
        }
        System.out.println(allWithin ? "every sweep held at most its largest worker count of child JVMs"
                : "FAIL: a sweep held more child JVMs than its largest worker count");
    }

    /** Runs one configuration in a JVM of its own and prints a line per sweep; false if one held too many. */
    private static boolean measure(int cores, boolean quick) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process inner = new ProcessBuilder(java, "-XX:ActiveProcessorCount=" + cores,
                "-Djcn.processes.jvmOptions=-XX:ActiveProcessorCount=" + cores, "-Djcn.progress=off",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                SweepMemoryBenchmark.class.getName(), quick ? "sweeps-quick" : "sweeps-full")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, long[]> peaks = new LinkedHashMap<>(); // sweep -> {largest count, JVMs, RSS KiB, PSS KiB}
        String[] current = {null};
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(inner.getInputStream()))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("sweep ")) { // "sweep LARGEST NAME"
                        String[] parts = line.split(" ", 3);
                        synchronized (peaks) {
                            peaks.put(parts[2], new long[] {Long.parseLong(parts[1]), 0, 0, 0});
                            current[0] = parts[2];
                        }
                    }
                }
            } catch (IOException e) {
                // the inner JVM ended
            }
        });
        while (inner.isAlive()) {
            List<ProcessHandle> children = inner.descendants().filter(p -> p.info().commandLine()
                    .map(c -> c.contains(CHILD_MAIN)).orElse(false)).toList();
            long rss = 0;
            long pss = 0;
            for (ProcessHandle child : children) {
                rss += kib(child.pid(), "status", "VmRSS:");
                pss += kib(child.pid(), "smaps_rollup", "Pss:");
            }
            synchronized (peaks) {
                if (current[0] != null) {
                    long[] peak = peaks.get(current[0]);
                    peak[1] = Math.max(peak[1], children.size());
                    peak[2] = Math.max(peak[2], rss);
                    peak[3] = Math.max(peak[3], pss);
                }
            }
            Thread.sleep(50);
        }
        reader.join();
        if (inner.exitValue() != 0) {
            throw new IllegalStateException("the sweeps on " + cores + " cores failed: exit " + inner.exitValue());
        }
        boolean within = true;
        for (Map.Entry<String, long[]> e : peaks.entrySet()) {
            long[] p = e.getValue();
            within &= p[1] <= p[0];
            System.out.printf(Locale.ROOT, "%-6d %-6s %-44s %8s %6d %8.0f %8.0f%n", cores, quick ? "quick" : "full",
                    e.getKey(), "1.." + p[0], p[1], p[2] / 1024.0, p[3] / 1024.0);
        }
        return within;
    }

    private static long kib(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended while being read
        }
        return 0;
    }

    /** The inner JVM: the lessons' child-JVM sweeps, each announced as "sweep LARGEST NAME". */
    private static void runSweeps(boolean quick) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        int defaultLargest = quick ? cores + 1 : 2 * cores;
        Mechanism threads = Mechanism.PLATFORM_THREADS;
        Mechanism children = Mechanism.CHILD_PROCESSES;
        List<Object[]> sweeps = new ArrayList<>();
        sweeps.add(new Object[] {"01 cell 19: sum, threads and JVMs", defaultLargest,
                Sweep.of(Workloads.sumOfRange(100_000_000L)).withMechanisms(threads, children)});
        sweeps.add(new Object[] {"02 cell 15: sum at 1 and all cores", cores,
                Sweep.of(Workloads.sumOfRange(100_000_000L)).withWorkerCounts(1, cores)
                        .withMechanisms(threads, Mechanism.VIRTUAL_THREADS, children)});
        sweeps.add(new Object[] {"02 cell 28: sum, four mechanisms", defaultLargest,
                Sweep.of(Workloads.sumOfRange(100_000_000L)).withMechanisms(threads, Mechanism.VIRTUAL_THREADS,
                        Mechanism.PARALLEL_STREAM, children)});
        sweeps.add(new Object[] {"03 section 3: cpu_bound_task per worker", Math.min(defaultLargest, cores + 1),
                Sweep.of(Workloads.cpuBoundTask(10_000_000)).withMaxWorkers(cores + 1)
                        .withMechanisms(threads, children)});
        Workload chunks = Workloads.countPrimes(2_000_000); // stands in for lesson 05's prime chunks
        sweeps.add(new Object[] {"05 section 4: prime chunks", defaultLargest,
                Sweep.of(chunks).withMechanisms(children, threads, Mechanism.PARALLEL_STREAM)});
        for (Object[] sweep : sweeps) {
            System.out.println("sweep " + sweep[1] + " " + sweep[0]);
            System.out.flush();
            ((Sweep) sweep[2]).withQuickMode(quick).withRepetitions(1).run();
        }
    }
}

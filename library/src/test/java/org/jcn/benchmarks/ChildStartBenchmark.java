package org.jcn.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.jcn.processes.ChildProcess;
import org.jcn.processes.SerializableCallable;
import org.jcn.processes.SerializableFunction;
import org.jcn.testing.CellClasses;

/**
 * Start-up of a child JVM to its first result, next to a plain JVM that prints one line, measured in one run.
 *
 * <p>Run with {@code ./bench ChildStartBenchmark}, which puts the library and the benchmarks on the class path as
 * jars (class-data archives can't be made with a class folder on the class path).
 */
public final class ChildStartBenchmark {

    private static final int WARMUP = 3;
    private static final int RUNS = 21;

    private ChildStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String cp = System.getProperty("java.class.path");
        Path scratch = Files.createTempDirectory("jcn-bench");
        CellClasses cells = CellClasses.compile(scratch, Map.of("cells.Cell", """
                package cells;
                import org.jcn.processes.SerializableFunction;
                public class Cell {
                    public static int square(int n) { return n * n; }
                    public static SerializableFunction<Integer, Integer> lambda() { return n -> square(n); }
                    public static class Named implements SerializableFunction<Integer, Integer> {
                        public Integer apply(Integer n) { return square(n); }
                    }
                    public static class Versioned implements SerializableFunction<Integer, Integer> {
                        private static final long serialVersionUID = 1L;
                        public Integer apply(Integer n) { return square(n); }
                    }
                }
                """));
        try (Stream<Path> files = Files.walk(scratch)) { // the loader holds the class bytes; the files can go
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        Class<?> cell = cells.loadClass("cells.Cell");
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> cellLambda =
                (SerializableFunction<Integer, Integer>) cell.getMethod("lambda").invoke(null);
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> cellNamed = (SerializableFunction<Integer, Integer>)
                cells.loadClass("cells.Cell$Named").getConstructor().newInstance();
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> cellVersioned = (SerializableFunction<Integer, Integer>)
                cells.loadClass("cells.Cell$Versioned").getConstructor().newInstance();
        SerializableCallable<Integer> classPathLambda = () -> 42;

        // The first child makes the class-data archive (the ahead-of-time cache comes from
        // org.jcn.internal.process.Warmup, which kernel/install runs); start-up is measured after that.
        ChildProcess.start(classPathLambda).join();
        String helloCp = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        List<Variant> variants = List.of(
                new Variant("plain java -cp <lib> Hello (baseline)", "true", () -> {
                    Process p = new ProcessBuilder(java, "-cp", helloCp, Hello.class.getName())
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    return p.waitFor();
                }),
                new Variant("ChildProcess, lambda on the class path", "true",
                        () -> ChildProcess.start(classPathLambda).join()),
                new Variant("ChildProcess, lambda shipped like a cell's", "true",
                        () -> ChildProcess.start(cellLambda, 7).join()),
                new Variant("ChildProcess, class shipped like a cell's", "true",
                        () -> ChildProcess.start(cellNamed, 7).join()),
                new Variant("  same, class declares serialVersionUID", "true",
                        () -> ChildProcess.start(cellVersioned, 7).join()),
                new Variant("  same lambda, dynamic CDS archive, no AOT cache", "cds",
                        () -> ChildProcess.start(cellLambda, 7).join()),
                new Variant("  same lambda, start-up tuning off", "false",
                        () -> ChildProcess.start(cellLambda, 7).join()));

        // Rounds interleave the variants, so a busy machine slows them all alike.
        double[][] ms = new double[variants.size()][RUNS];
        for (int round = -WARMUP; round < RUNS; round++) {
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                System.setProperty("jcn.processes.tuning", variant.tuning());
                long start = System.nanoTime();
                variant.run().call();
                if (round >= 0) {
                    ms[v][round] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        System.clearProperty("jcn.processes.tuning");

        System.out.printf("Child JVM start to first result, process exited (median of %d interleaved rounds after %d"
                + " warm-up rounds)%n", RUNS, WARMUP);
        System.out.printf("Java %s, %d cores, child class path of %d entries (library jars opened on demand)%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), cp.split(File.pathSeparator).length);
        double baseline = median(ms[0]);
        for (int v = 0; v < variants.size(); v++) {
            Arrays.sort(ms[v]);
            System.out.printf("  %-45s %7.1f ms  (min %5.1f)  %4.2fx%n", variants.get(v).name(), median(ms[v]),
                    ms[v][0], median(ms[v]) / baseline);
        }
    }

    /** A way to start, with the value of the internal property jcn.processes.tuning it runs under. */
    record Variant(String name, String tuning, Callable<?> run) {
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

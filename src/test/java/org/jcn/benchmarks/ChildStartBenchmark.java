package org.jcn.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.jcn.processes.ChildProcess;
import org.jcn.processes.SerializableCallable;
import org.jcn.processes.SerializableFunction;

/**
 * Start-up of a child JVM to its first result, next to a plain JVM that prints one line, measured in one run.
 *
 * <p>Run with the library as a jar (class-data archives can't be made with a class folder on the class path):
 * {@snippet lang=sh :
 * mvn -q package -DskipTests && jar cf target/benchmarks.jar -C target/test-classes org/jcn/benchmarks
 * java -cp 'target/jcn-0.1.0-SNAPSHOT.jar:target/kernel/lib/*:target/benchmarks.jar' org.jcn.benchmarks.ChildStartBenchmark
 * }
 */
public final class ChildStartBenchmark {

    private static final int WARMUP = 3;
    private static final int RUNS = 21;

    private ChildStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String cp = System.getProperty("java.class.path");
        InMemoryClasses cells = InMemoryClasses.compile("cells.Cell", """
                package cells;
                import org.jcn.processes.SerializableFunction;
                public class Cell {
                    public static int square(int n) { return n * n; }
                    public static SerializableFunction<Integer, Integer> lambda() { return n -> square(n); }
                    public static class Named implements SerializableFunction<Integer, Integer> {
                        public Integer apply(Integer n) { return square(n); }
                    }
                }
                """);
        Class<?> cell = cells.loadClass("cells.Cell");
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> cellLambda =
                (SerializableFunction<Integer, Integer>) cell.getMethod("lambda").invoke(null);
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> cellNamed = (SerializableFunction<Integer, Integer>)
                cells.loadClass("cells.Cell$Named").getConstructor().newInstance();
        SerializableCallable<Integer> classPathLambda = () -> 42;

        // The first child makes the class-data archive; start-up is measured after that.
        ChildProcess.start(classPathLambda).join();

        List<Row> rows = new ArrayList<>();
        rows.add(measure("plain java -cp <lib> Hello (baseline)", () -> {
            Process p = new ProcessBuilder(java, "-cp", cp, Hello.class.getName())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        }));
        rows.add(measure("ChildProcess, lambda on the class path", () -> ChildProcess.start(classPathLambda).join()));
        rows.add(measure("ChildProcess, lambda shipped like a cell's", () -> ChildProcess.start(cellLambda, 7).join()));
        rows.add(measure("ChildProcess, class shipped like a cell's", () -> ChildProcess.start(cellNamed, 7).join()));

        System.out.printf("Child JVM start to first result (median of %d after %d warm-up runs)%n", RUNS, WARMUP);
        System.out.printf("Java %s, %d cores, class path of %d entries%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), cp.split(File.pathSeparator).length);
        double baseline = rows.get(0).median();
        for (Row row : rows) {
            System.out.printf("  %-45s %7.1f ms  (min %5.1f)  %4.2fx%n", row.name(), row.median(), row.min(),
                    row.median() / baseline);
        }
    }

    record Row(String name, double median, double min) {
    }

    private static Row measure(String name, Callable<?> run) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            run.call();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.call();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new Row(name, ms[RUNS / 2], ms[0]);
    }

}

package org.jcn.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jcn.internal.cell.CellWork;
import org.jcn.tasks.Tasks;
import org.jcn.threads.ThreadPool;
import org.jcn.threads.Threads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the helpers cost on top of the raw JDK calls they wrap, side by side in one run: start and join a
 * platform thread, a virtual thread, a task round trip, a pool round trip; and the cost of the tracking that
 * every helper adds. Each pair's ratio should be at most 1.2. Not a test: run it by hand.
 *
 * {@snippet lang=shell :
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java --sun-misc-unsafe-memory-access=allow -cp target/test-classes:target/classes:$(cat target/test.cp) \
 *     org.jcn.benchmarks.HelperOverheadBenchmark
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class HelperOverheadBenchmark {

    private static final Runnable NOTHING = () -> { };
    private static final CellWork.Handle DONE = new CellWork.Handle() {
        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public String description() {
            return "done";
        }
    };

    private ExecutorService rawPool;
    private ThreadPool helperPool;

    @Setup(Level.Trial)
    public void openPools() {
        rawPool = Executors.newFixedThreadPool(2);
        helperPool = ThreadPool.newFixed(2);
    }

    @TearDown(Level.Trial)
    public void closePools() {
        rawPool.close();
        helperPool.close();
    }

    @Benchmark
    public void platformThreadRaw() throws InterruptedException {
        Thread.ofPlatform().start(NOTHING).join();
    }

    @Benchmark
    public void platformThreadHelper() throws InterruptedException {
        Threads.start(NOTHING).join();
    }

    @Benchmark
    public void virtualThreadRaw() throws InterruptedException {
        Thread.ofVirtual().start(NOTHING).join();
    }

    @Benchmark
    public void virtualThreadHelper() throws InterruptedException {
        Threads.startVirtual(NOTHING).join();
    }

    @Benchmark
    public Integer taskRaw() {
        return CompletableFuture.supplyAsync(() -> 1, command -> Thread.ofVirtual().start(command)).join();
    }

    @Benchmark
    public Integer taskHelper() {
        return Tasks.createTask(() -> 1).join();
    }

    @Benchmark
    public Integer poolRaw() throws InterruptedException, ExecutionException {
        return rawPool.submit(() -> 1).get();
    }

    @Benchmark
    public Integer poolHelper() {
        return helperPool.submit(() -> 1).join();
    }

    /** The part of every helper call that the raw calls lack: registering the work with the cell registry. */
    @Benchmark
    public void trackOnly() {
        CellWork.track(DONE);
    }

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(HelperOverheadBenchmark.class.getName())
                .build()).run();
        Map<String, double[]> pairs = new TreeMap<>();
        double tracking = Double.NaN;
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            if (method.equals("trackOnly")) {
                tracking = result.getPrimaryResult().getScore();
                continue;
            }
            boolean helper = method.endsWith("Helper");
            String what = method.replaceFirst("(Raw|Helper)$", "");
            pairs.computeIfAbsent(what, k -> new double[2])[helper ? 1 : 0] = result.getPrimaryResult().getScore();
        }
        System.out.printf(Locale.ROOT, "%nHelper overhead on %d cores, Java %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        System.out.printf(Locale.ROOT, "%-16s %14s %14s %8s%n", "operation", "raw ns/op", "helper ns/op", "ratio");
        pairs.forEach((what, scores) -> System.out.printf(Locale.ROOT, "%-16s %14.0f %14.0f %8.2f%n",
                what, scores[0], scores[1], scores[1] / scores[0]));
        System.out.printf(Locale.ROOT, "%-16s %14s %14.0f%n", "track only", "", tracking);
    }
}

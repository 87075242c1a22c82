package org.jcn.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jcn.internal.cell.CellWork;
import org.jcn.tasks.Tasks;
import org.jcn.threads.ThreadPool;
import org.jcn.threads.Threads;

/**
 * What the helpers cost on top of the raw JDK calls they wrap: start and join a platform thread, a virtual
 * thread, a task round trip, a pool round trip; and the cost of the tracking that every helper adds. Each pair's
 * ratio should be at most 1.2.
 *
 * <p>Why paired rounds rather than JMH's one-benchmark-after-another: these operations take 50 to 300 µs and on a
 * shared 2-core machine their speed drifts by ±20% over a minute, more than the difference being measured. Each
 * round times a batch of raw calls and a batch of helper calls back to back (alternating which goes first), so
 * both see the same machine, and the figure is the median of the per-round ratios. Warm-up rounds come first.
 * Not a test: run it with {@code ./bench HelperOverheadBenchmark}; an argument narrows it to the operations whose
 * names contain it, such as {@code task}.
 */
public final class HelperOverheadBenchmark {

    private static final int BATCH = 200;
    private static final int WARMUP_ROUNDS = 15;
    private static final int ROUNDS = 41;

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

    /** Keeps results alive so the JIT can't drop the calls that made them. */
    private static volatile Object sink;

    private HelperOverheadBenchmark() {
    }

    interface Call {
        void run() throws Exception;
    }

    record Pair(String name, Call raw, Call helper) {
    }

    public static void main(String[] args) throws Exception {
        String filter = args.length > 0 ? args[0] : "";
        try (ExecutorService rawPool = Executors.newFixedThreadPool(2); ThreadPool helperPool = ThreadPool.newFixed(2)) {
            List<Pair> pairs = List.of(
                    new Pair("platform thread start + join",
                            () -> Thread.ofPlatform().start(NOTHING).join(),
                            () -> Threads.start(NOTHING).join()),
                    new Pair("virtual thread start + join",
                            () -> Thread.ofVirtual().start(NOTHING).join(),
                            () -> Threads.startVirtual(NOTHING).join()),
                    new Pair("task round trip (createTask + join)",
                            () -> sink = CompletableFuture.supplyAsync(() -> 1,
                                    command -> Thread.ofVirtual().start(command)).join(),
                            () -> sink = Tasks.createTask(() -> 1).join()),
                    // ThreadPool.submit returns a CompletableFuture run on an ExecutorService: supplyAsync on the
                    // same kind of pool is the raw call it wraps. The pair after it compares with a FutureTask,
                    // whose get() on this VM sometimes wakes up far sooner than any CompletableFuture's join().
                    new Pair("pool submit round trip",
                            () -> sink = CompletableFuture.supplyAsync(() -> 1, rawPool).join(),
                            () -> sink = helperPool.submit(() -> 1).join()),
                    new Pair("  same, raw call ExecutorService.submit + get",
                            () -> sink = rawPool.submit(() -> 1).get(),
                            () -> sink = helperPool.submit(() -> 1).join()));

            System.out.printf(Locale.ROOT, "Helper overhead on %d cores, Java %s: batches of %d calls, median of %d"
                            + " paired rounds after %d warm-up rounds%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), BATCH, ROUNDS, WARMUP_ROUNDS);
            System.out.printf(Locale.ROOT, "%-38s %10s %10s %7s   %s%n", "operation", "raw µs", "helper µs",
                    "ratio", "ratio quartiles");
            for (Pair pair : pairs) {
                if (pair.name().contains(filter)) {
                    measure(pair);
                }
            }
            if ("track only".contains(filter)) {
                measureTracking();
            }
        }
    }

    private static void measure(Pair pair) throws Exception {
        List<double[]> rounds = new ArrayList<>();
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
            double raw;
            double helper;
            if ((round & 1) == 0) {
                raw = microsPerCall(pair.raw());
                helper = microsPerCall(pair.helper());
            } else {
                helper = microsPerCall(pair.helper());
                raw = microsPerCall(pair.raw());
            }
            if (round >= 0) {
                rounds.add(new double[] {raw, helper, helper / raw});
            }
        }
        double[] raw = column(rounds, 0);
        double[] helper = column(rounds, 1);
        double[] ratio = column(rounds, 2);
        System.out.printf(Locale.ROOT, "%-38s %10.1f %10.1f %7.2f   %.2f–%.2f%n", pair.name(), quantile(raw, 0.5),
                quantile(helper, 0.5), quantile(ratio, 0.5), quantile(ratio, 0.25), quantile(ratio, 0.75));
    }

    private static double microsPerCall(Call call) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e3 / BATCH;
    }

    /** The part of every helper call that the raw calls lack: registering the work with the cell registry. */
    private static void measureTracking() {
        int calls = 1_000_000;
        double[] nanos = new double[ROUNDS];
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                CellWork.track(DONE);
            }
            if (round >= 0) {
                nanos[round] = (System.nanoTime() - start) / (double) calls;
            }
        }
        System.out.printf(Locale.ROOT, "%-38s %10s %10.3f%n", "track only (CellWork.track)", "", quantile(nanos, 0.5) / 1e3);
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(row -> row[index]).toArray();
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}

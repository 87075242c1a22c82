package org.jcn.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jcn.measure.Mechanism;
import org.jcn.measure.SweepResult;
import org.knowm.xchart.XYChart;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The sweeps a class saved into a {@link ClassFolder}, one per learner, as a table and as one chart of the spread.
 *
 * <p>Each learner's speedups are those of the first mechanism of their sweep (the setup notebook measures platform
 * threads only), over that learner's own smallest worker count. Immutable and thread safe.
 *
 * {@snippet :
 * ClassResults everyone = ClassFolder.fromEnvironment().orElseThrow().read();
 * everyone.toTable();          // one row per learner: cores, what bounds them, Java, speedups
 * everyone.toSpeedupChart();   // every machine's speedup per worker count, the class median, the ideal
 * everyone.toMachinesTable();  // how many machines have each core count and Java version
 * }
 */
public final class ClassResults {

    private final Map<String, SweepResult> sweeps;
    private final List<String> skipped;

    ClassResults(Map<String, SweepResult> sweeps, List<String> skipped) {
        this.sweeps = Map.copyOf(sweeps);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Results built from sweeps at hand (for instance read with {@link SweepResult#readCsv} from elsewhere).
     *
     * @param sweeps each learner's sweep, by learner
     * @return the results
     * @throws NullPointerException if {@code sweeps} or any of its keys or values is null
     */
    public static ClassResults of(Map<String, SweepResult> sweeps) {
        return new ClassResults(Objects.requireNonNull(sweeps, "sweeps must not be null"), List.of());
    }

    /** @return the learners' names, in alphabetical order */
    public List<String> learners() {
        return List.copyOf(new TreeMap<>(sweeps).keySet());
    }

    /**
     * One learner's sweep.
     *
     * @param learner the learner's name
     * @return the sweep
     * @throws IllegalArgumentException if no sweep of that learner was read
     */
    public SweepResult sweep(String learner) {
        SweepResult sweep = sweeps.get(learner);
        if (sweep == null) {
            throw new IllegalArgumentException("no sweep of learner \"" + learner + "\"; the class has " + learners());
        }
        return sweep;
    }

    /** @return the files that were left out, each with the reason, such as {@code bob.csv: line 1 must be ...} */
    public List<String> skipped() {
        return skipped;
    }

    /** @return how many learners' sweeps were read */
    public int size() {
        return sweeps.size();
    }

    /**
     * One row per learner: cores, the host's CPUs, what bounds the cores, Java version, the speedup at 2 workers
     * and the best speedup with its worker count.
     *
     * @return a new table named "the class"
     */
    public Table toTable() {
        Table table = Table.create("the class", StringColumn.create("learner"), IntColumn.create("cores"),
                IntColumn.create("host CPUs"), StringColumn.create("cores limited by"),
                StringColumn.create("Java"), DoubleColumn.create("speedup at 2 workers"),
                DoubleColumn.create("best speedup"), IntColumn.create("at workers"));
        for (String learner : learners()) {
            SweepResult r = sweeps.get(learner);
            Mechanism m = r.mechanisms().get(0);
            int best = r.workerCounts()[0];
            for (int w : r.workerCounts()) {
                best = r.speedup(m, w) > r.speedup(m, best) ? w : best;
            }
            table.stringColumn(0).append(learner);
            table.intColumn(1).append(r.platform().cores());
            table.intColumn(2).append(r.platform().hostCpus());
            table.stringColumn(3).append(r.platform().coresLimitedBy().isEmpty() ? "nothing"
                    : r.platform().coresLimitedBy());
            table.stringColumn(4).append(r.platform().javaVersion());
            table.doubleColumn(5).append(r.has(m, 2) ? round(r.speedup(m, 2)) : Double.NaN);
            table.doubleColumn(6).append(round(r.speedup(m, best)));
            table.intColumn(7).append(best);
        }
        return table;
    }

    /**
     * How many of the class's machines have each core count and Java feature version, most common first.
     *
     * @return a new table named "the class's machines"
     */
    public Table toMachinesTable() {
        Map<List<Integer>, Integer> counts = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Integer.compare(a.get(1), b.get(1)) : Integer.compare(a.get(0), b.get(0)));
        for (SweepResult r : sweeps.values()) {
            counts.merge(List.of(r.platform().cores(), feature(r.platform().javaVersion())), 1, Integer::sum);
        }
        List<Map.Entry<List<Integer>, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.<List<Integer>, Integer>comparingByValue().reversed());
        return Table.create("the class's machines",
                IntColumn.create("cores", rows.stream().mapToInt(e -> e.getKey().get(0)).toArray()),
                StringColumn.create("Java", rows.stream().map(e -> "Java " + e.getKey().get(1))),
                IntColumn.create("machines", rows.stream().mapToInt(Map.Entry::getValue).toArray()));
    }

    /**
     * Every machine's speedup per worker count as points, the class's median per worker count as a line, and the
     * ideal speedup; stamped with how many machines, their core counts and Java versions.
     *
     * @return a new chart
     * @throws IllegalStateException if no learner's sweep was read
     */
    public XYChart toSpeedupChart() {
        if (sweeps.isEmpty()) {
            throw new IllegalStateException("no learner's sweep was read" + (skipped.isEmpty() ? ""
                    : "; skipped: " + skipped));
        }
        return ClassChart.speedup(new TreeMap<>(sweeps));
    }

    static int feature(String javaVersion) {
        String head = javaVersion.split("[^0-9]", 2)[0];
        return head.isEmpty() || head.length() > 4 ? 0 : Integer.parseInt(head);
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.2f", value));
    }
}

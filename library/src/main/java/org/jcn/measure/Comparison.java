package org.jcn.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jcn.internal.measure.MachineMeter;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Times a few ways of doing one thing against each other, interleaved: round after round every way runs once, in an
 * order that rotates between rounds, so that a burst of outside load slows all of them alike, and the result carries
 * a {@link Verdict} on whether its differences can be believed. It is the hand-made counterpart of a {@link Sweep}
 * for comparisons that are not a workload per worker count: a shared client against a new one per call, start
 * methods, download modes.
 *
 * <p>Each way is a {@link Callable}; what it returns is ignored, and an exception stops the comparison. A
 * {@code Comparison} is a mutable builder, not thread safe; {@link #run()} may be called more than once and
 * measures afresh each time.
 *
 * {@snippet :
 * Comparison.Result r = Comparison.of("one call")
 *         .add("shared client", () -> Downloads.fetch(client, uri))
 *         .add("new client per call", () -> Downloads.fetch(HttpClient.newHttpClient(), uri))
 *         .withRounds(7).run();
 * r.ratio("new client per call", "shared client");   // how many times slower, with its interval
 * r.verdict().sentence();
 * }
 */
public final class Comparison {

    private final String what;
    private final Map<String, Callable<?>> ways = new LinkedHashMap<>();
    private int rounds = 5;
    private int warmups = 1;

    private Comparison(String what) {
        this.what = what;
    }

    /**
     * Starts a comparison.
     *
     * @param what what is being timed, for the table's name, such as {@code "one download"}
     * @return a new comparison with 5 rounds and 1 warm-up
     * @throws NullPointerException if {@code what} is null
     */
    public static Comparison of(String what) {
        return new Comparison(Objects.requireNonNull(what, "what must not be null"));
    }

    /**
     * Adds a way to compare.
     *
     * @param name a name, unique in this comparison
     * @param way  the code to time once per round
     * @return this comparison
     * @throws IllegalArgumentException if the name is taken or blank
     */
    public Comparison add(String name, Callable<?> way) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(way, "way must not be null");
        if (name.isBlank() || ways.containsKey(name)) {
            throw new IllegalArgumentException("name must be new and not blank but was \"" + name + "\"");
        }
        ways.put(name, way);
        return this;
    }

    /**
     * Sets how many measured rounds to run (each runs every way once).
     *
     * @param rounds at least 1
     * @return this comparison
     * @throws IllegalArgumentException if {@code rounds < 1}
     */
    public Comparison withRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1 but was " + rounds);
        }
        this.rounds = rounds;
        return this;
    }

    /**
     * Sets how many unmeasured runs each way gets first (class loading, the JIT).
     *
     * @param warmups at least 0
     * @return this comparison
     * @throws IllegalArgumentException if {@code warmups < 0}
     */
    public Comparison withWarmups(int warmups) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must be >= 0 but was " + warmups);
        }
        this.warmups = warmups;
        return this;
    }

    /**
     * Runs every way {@code warmups} times unmeasured, then {@code rounds} measured rounds, then, when at least three
     * were asked for, extra rounds of the ways whose medians are not yet known well enough, as a {@link Sweep} does
     * (within a quarter of the time the planned rounds took).
     *
     * @return the measurements
     * @throws IllegalStateException if fewer than two ways were added
     * @throws Exception             what a way threw, unchanged (an interrupted way's InterruptedException too)
     */
    public Result run() throws Exception {
        if (ways.size() < 2) {
            throw new IllegalStateException("a comparison needs at least two ways but has " + ways.size());
        }
        List<String> names = List.copyOf(ways.keySet());
        for (int w = 0; w < warmups; w++) {
            for (String name : names) {
                ways.get(name).call();
            }
        }
        MachineMeter meter = MachineMeter.open();
        List<Run> runs = new ArrayList<>();
        Rounds.Measure<String, Exception> once = (name, round) -> {
            MachineMeter.Reading before = meter.read();
            long start = System.nanoTime();
            ways.get(name).call();
            long wall = System.nanoTime() - start;
            runs.add(new Run(name, round, wall, before.until(meter.read())));
        };
        long measuring = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            for (String name : Rounds.order(names, round, rounds)) {
                once.once(name, round);
            }
        }
        // As a sweep does: ways whose medians are not yet known well enough get extra rounds, within a quarter more.
        Rounds.addUntilKnown(names, rounds, (System.nanoTime() - measuring) / 4,
                name -> Result.stats(runs, name), once);
        return new Result(what, names, runs, Platform.current());
    }

    private record Run(String name, int round, long wallNanos, MachineMeter.Usage usage) {
    }

    /** The measurements of one {@link Comparison}: per way the statistics of its times, ratios and the verdict. */
    public static final class Result {

        private final String what;
        private final List<String> names;
        private final List<Run> runs;
        private final Platform platform;

        private Result(String what, List<String> names, List<Run> runs, Platform platform) {
            this.what = what;
            this.names = names;
            this.runs = List.copyOf(runs);
            this.platform = platform;
        }

        /**
         * The statistics of one way's times, in milliseconds.
         *
         * @param name the way's name
         * @return its statistics
         * @throws IllegalArgumentException if no way has that name
         */
        public Stats elapsedMillis(String name) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("no way named \"" + name + "\"; the ways are " + names);
            }
            return stats(runs, name);
        }

        private static Stats stats(List<Run> runs, String name) {
            return Stats.of(runs.stream().filter(r -> r.name().equals(name)).mapToDouble(r -> r.wallNanos() / 1e6)
                    .toArray());
        }

        /**
         * How many times longer one way took than another (median over median), with the interval the quartiles
         * allow.
         *
         * @param slower the way whose time is divided
         * @param faster the way it is divided by
         * @return the ratio and its interval
         * @throws IllegalArgumentException if either name is unknown
         */
        public SweepResult.Range ratio(String slower, String faster) {
            Stats a = elapsedMillis(slower);
            Stats b = elapsedMillis(faster);
            return new SweepResult.Range(a.q1() / b.q3(), a.median() / b.median(), a.q3() / b.q1());
        }

        /**
         * Whether this comparison's differences can be believed (see {@link Verdict}).
         *
         * @return the verdict
         */
        public Verdict verdict() {
            LoadTally tally = new LoadTally();
            for (Run r : runs) {
                tally.run(Math.max(r.wallNanos(), r.usage().intervalNanos()), r.usage().otherNanos(),
                        r.usage().throttledNanos(), platform.hostCpus());
            }
            names.forEach(name -> tally.point(elapsedMillis(name)));
            return tally.verdict(platform);
        }

        /**
         * One row per way: median, quartiles (to 0.01 ms), times the first way's median, and runs; named after
         * what was timed, the platform and the verdict's sentence.
         *
         * @return a new table
         */
        public Table toTable() {
            Table t = Table.create(String.format(Locale.ROOT, "%s · %s. %s", what, platform.label(),
                            verdict().sentence()), StringColumn.create("way"), DoubleColumn.create("median ms"),
                    DoubleColumn.create("q1 ms"), DoubleColumn.create("q3 ms"),
                    DoubleColumn.create("× " + names.get(0)), IntColumn.create("runs"));
            for (String name : names) {
                Stats s = elapsedMillis(name);
                t.stringColumn(0).append(name);
                t.doubleColumn(1).append(Math.round(s.median() * 100) / 100.0);
                t.doubleColumn(2).append(Math.round(s.q1() * 100) / 100.0);
                t.doubleColumn(3).append(Math.round(s.q3() * 100) / 100.0);
                t.doubleColumn(4).append(Math.round(ratio(name, names.get(0)).estimate() * 100) / 100.0);
                t.intColumn(5).append(s.count());
            }
            return t;
        }

        @Override
        public String toString() {
            return "Comparison.Result[" + what + ", " + names + "] " + verdict().sentence();
        }
    }
}

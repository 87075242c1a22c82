package org.jcn.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which a {@link Sweep} visits its points, round after round, and which points get more rounds.
 *
 * <p>Used by {@link Sweep} and {@link Comparison}. Every round visits every point once. The order rotates from round to round, its start moving by an even share
 * of the points so that over a sweep each point is measured early and late in a round, and every other round runs
 * backwards so that each point follows different neighbours: a burst of outside load, or a mechanism that leaves the
 * machine warm or cold for the next, then touches every mechanism alike instead of one series.
 */
final class Rounds {

    private Rounds() {
    }

    /** The points in the order round {@code round} (1-based) of {@code rounds} visits them. */
    static <T> List<T> order(List<T> points, int round, int rounds) {
        List<T> ordered = new ArrayList<>(points);
        if (ordered.size() < 2) {
            return ordered;
        }
        int step = Math.max(1, ordered.size() / Math.max(1, rounds));
        Collections.rotate(ordered, -((round - 1) * step % ordered.size()));
        if (round % 2 == 0) {
            Collections.reverse(ordered);
        }
        return ordered;
    }

    /** Extra rounds may take a sweep or comparison this many times its planned rounds at most. */
    static final int MAX_ROUNDS_FACTOR = 6;

    /** Measures one point once, in a given round, and keeps the measurement where {@code statsOf} finds it. */
    @FunctionalInterface
    interface Measure<T, E extends Exception> {
        void once(T point, int round) throws E;
    }

    /**
     * Gives the points whose medians are not yet known to {@link Verdict#MAX_UNCERTAINTY_PERCENT} more rounds, in
     * the rotating order, while the next round fits in {@code budgetNanos} and the rounds stay under
     * {@link #MAX_ROUNDS_FACTOR} times {@code rounds}. Points run fewer than three times are left alone: a single
     * round was asked for. Short points are cheap to repeat and are the ones that need it (see {@link Verdict}).
     *
     * @param points      every point, in the sweep's order
     * @param rounds      the rounds already run
     * @param budgetNanos the most the extra rounds may take
     * @param statsOf     a point's statistics so far, in milliseconds
     * @param measure     runs a point once more and keeps the result
     */
    static <T, E extends Exception> void addUntilKnown(List<T> points, int rounds, long budgetNanos,
                                                       Function<T, Stats> statsOf, Measure<T, E> measure) throws E {
        double limit = Verdict.MAX_UNCERTAINTY_PERCENT / 100.0;
        long start = System.nanoTime();
        for (int round = rounds + 1; rounds >= 3 && round <= MAX_ROUNDS_FACTOR * rounds; round++) {
            List<T> uncertain = new ArrayList<>();
            double millis = 0;
            for (T p : points) {
                Stats st = statsOf.apply(p);
                if (st.count() >= 3 && st.medianUncertainty() > limit) {
                    uncertain.add(p);
                    millis += st.median();
                }
            }
            if (uncertain.isEmpty() || System.nanoTime() - start + (long) (millis * 1e6) > budgetNanos) {
                return;
            }
            for (T p : order(uncertain, round, rounds)) {
                measure.once(p, round);
            }
        }
    }
}

package org.jcn.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order in which a {@link Sweep} visits its points, round after round, and which points need more rounds.
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

    /** The points measured at least three times whose middle half spreads wider than {@code limit} of the median. */
    static List<Sweep.Point> tooWide(List<Sweep.Point> points, List<SweepResult.Sample> samples, double limit) {
        List<Sweep.Point> wide = new ArrayList<>();
        for (Sweep.Point p : points) {
            double[] millis = samples.stream().filter(s -> s.mechanism() == p.mechanism() && s.workers() == p.workers())
                    .mapToDouble(s -> s.wallNanos() / 1e6).toArray();
            if (millis.length >= 3) {
                Stats st = Stats.of(millis);
                if (st.spread() > limit * st.median()) {
                    wide.add(p);
                }
            }
        }
        return wide;
    }

    /** What one more run of each of the points should take: the sum of their medians so far. */
    static long estimatedNanos(List<Sweep.Point> points, List<SweepResult.Sample> samples) {
        long total = 0;
        for (Sweep.Point p : points) {
            total += (long) Stats.of(samples.stream()
                    .filter(s -> s.mechanism() == p.mechanism() && s.workers() == p.workers())
                    .mapToDouble(SweepResult.Sample::wallNanos).toArray()).median();
        }
        return total;
    }
}

package org.jcn.measure;

/**
 * Adds up what the machine did over a set of runs and judges them: the one place where a {@link SweepResult} and a
 * {@link Comparison.Result} turn their runs into a {@link Verdict}. Not thread safe; used once per verdict.
 */
final class LoadTally {

    private double other;
    private double capacity;
    private double throttled;
    private double throttledWall;
    private double spread = Double.NaN;
    private double uncertainty = Double.NaN;

    /** Counts one run: the time its CPU figures cover, other processes' CPU and throttled time (-1 for unknown). */
    void run(long windowNanos, long otherNanos, long throttledNanos, int hostCpus) {
        if (otherNanos >= 0) {
            other += otherNanos;
            capacity += (double) windowNanos * Math.max(1, hostCpus);
        }
        if (throttledNanos >= 0) {
            throttled += throttledNanos;
            throttledWall += windowNanos;
        }
    }

    /** Counts one point's statistics: its relative spread and its median's uncertainty, if it was run thrice. */
    void point(Stats stats) {
        if (stats.count() >= 3) {
            spread = widest(spread, stats.spread() / stats.median());
            uncertainty = widest(uncertainty, stats.medianUncertainty());
        }
    }

    private static double widest(double sofar, double next) {
        return Double.isNaN(sofar) ? next : Math.max(sofar, next);
    }

    /** The verdict on everything counted, for a JVM on {@code platform}. */
    Verdict verdict(Platform platform) {
        return Verdict.of(capacity > 0 ? Math.min(1, other / capacity) : Double.NaN, spread, uncertainty,
                throttledWall > 0 ? Math.min(1, throttled / throttledWall) : Double.NaN,
                platform.effectiveCores() < 1.5 ? 1 : platform.cores());
    }
}

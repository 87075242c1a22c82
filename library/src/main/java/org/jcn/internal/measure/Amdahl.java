package org.jcn.internal.measure;

/**
 * Amdahl's law: if a fraction {@code s} of a job is serial, {@code n} workers run it in {@code s + (1 - s) / n} of
 * one worker's time. Fitted here to measured speedups by least squares, the one unknown being {@code s}.
 */
public final class Amdahl {

    private Amdahl() {
    }

    /**
     * The speedup the law predicts at {@code workers} over {@code baseline} workers.
     *
     * @param serial   the serial fraction, 0 to 1
     * @param baseline the worker count speedups are measured against
     * @param workers  the worker count
     * @return the predicted speedup
     */
    public static double speedup(double serial, double baseline, double workers) {
        return time(serial, baseline) / time(serial, workers);
    }

    /**
     * The serial fraction that best fits measured speedups (least squares, to 1e-4).
     *
     * @param baseline the worker count the speedups are measured against
     * @param workers  worker counts
     * @param speedups the speedup measured at each
     * @return the serial fraction, 0 to 1; NaN when no point lies above the baseline
     */
    public static double fit(int baseline, int[] workers, double[] speedups) {
        if (workers.length != speedups.length) {
            throw new IllegalArgumentException("workers and speedups differ in length: " + workers.length + " and "
                    + speedups.length);
        }
        boolean informative = false;
        for (int w : workers) {
            informative |= w > baseline;
        }
        if (!informative) {
            return Double.NaN;
        }
        double best = 0;
        double bestError = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= 10_000; step++) {
            double s = step / 10_000.0;
            double error = 0;
            for (int i = 0; i < workers.length; i++) {
                double d = speedup(s, baseline, workers[i]) - speedups[i];
                error += d * d;
            }
            if (error < bestError) {
                bestError = error;
                best = s;
            }
        }
        return best;
    }

    private static double time(double serial, double workers) {
        return serial + (1 - serial) / workers;
    }
}

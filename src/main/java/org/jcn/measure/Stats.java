package org.jcn.measure;

import java.util.Arrays;
import java.util.Objects;

/**
 * Order statistics of a set of measurements: median, quartiles, minimum and maximum.
 *
 * <p>Timings on a shared machine have outliers in one direction (a run is slowed, never sped up, by a neighbour),
 * so the notebooks report the median and the inter-quartile range rather than a mean and a standard deviation.
 * Quartiles are interpolated linearly between order statistics (the method most spreadsheets use).
 *
 * {@snippet :
 * Stats s = Stats.of(12.0, 10.0, 11.0, 30.0);
 * s.median();   // 11.5
 * }
 *
 * @param count  how many samples
 * @param min    the smallest sample
 * @param q1     the first quartile
 * @param median the median
 * @param q3     the third quartile
 * @param max    the largest sample
 */
public record Stats(int count, double min, double q1, double median, double q3, double max) {

    /**
     * Computes the statistics of the given samples.
     *
     * @param samples the measurements, in any order; not modified
     * @return their statistics
     * @throws NullPointerException     if {@code samples} is null
     * @throws IllegalArgumentException if there are no samples, or one is NaN
     */
    public static Stats of(double... samples) {
        Objects.requireNonNull(samples, "samples must not be null");
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples must not be empty");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("samples must not contain NaN");
        }
        return new Stats(sorted.length, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
                quantile(sorted, 0.75), sorted[sorted.length - 1]);
    }

    /**
     * The inter-quartile range, {@code q3 - q1}: the spread of the middle half of the samples.
     *
     * @return the spread
     */
    public double spread() {
        return q3 - q1;
    }

    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

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

    /**
     * How precisely the median is known: the half-width of its approximate 95% interval relative to the median,
     * {@code 1.57 * (q3 - q1) / sqrt(count) / median} (McGill, Tukey and Larsen's notch, the one box plots draw).
     * Unlike the spread it shrinks as runs are added, so a point too short to time steadily can still be measured
     * precisely by running it more often. Two medians whose intervals do not overlap differ at about the 95% level.
     *
     * @return the relative half-width, 0.08 for plus or minus 8%; NaN with fewer than three samples or a median of 0
     */
    public double medianUncertainty() {
        return count < 3 || median == 0 ? Double.NaN : 1.57 * spread() / Math.sqrt(count) / Math.abs(median);
    }

    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

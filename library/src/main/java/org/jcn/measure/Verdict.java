package org.jcn.measure;

import java.util.Locale;
import java.util.Objects;

/**
 * Whether a measurement's differences can be believed: how much of the machine's CPU other processes took while it
 * ran, how far repeated runs of one point spread, how long a CPU quota held it back, and one plain sentence that
 * says so, for a chart's footer or a lesson's prose.
 *
 * <p>A result is <em>trustworthy</em> when other processes took at most {@value #MAX_OTHER_SHARE_PERCENT}% of the
 * machine's CPU, every point's median is known to within {@value #MAX_UNCERTAINTY_PERCENT}% (its
 * {@linkplain Stats#medianUncertainty() uncertainty}), and no quota throttled it for more than
 * {@value #MAX_THROTTLED_PERCENT}% of the time. {@link #noiseThreshold()} is the relative difference between two
 * medians below which this run cannot tell them apart: the widest uncertainty twice over, or the share other
 * processes took, whichever is larger, and never under 10%. These thresholds follow the benchmark tools people trust
 * (hyperfine's "system not quiet" warning, pyperf's unstable-result check, criterion's interval of the estimate) and
 * were calibrated by {@code NoiseBenchmark} (BENCHMARKS.md).
 *
 * <p>Why the median's uncertainty and not the spread of the runs: a point that lasts a few milliseconds scatters by
 * 20-30% even on an idle machine (a thread's wake-up, a collection, a timer tick are a large part of it), and no
 * number of rounds narrows that scatter. What a comparison needs is the median, and the median's interval does
 * narrow as rounds are added, so a sweep gives such points {@linkplain Sweep#withExtraRounds extra rounds} until
 * their medians are known well enough. Judged by the spread, seven quiet runs in ten were flagged. The limit of 20%
 * is what a quiet 2-core machine reaches for lesson 06's sweep (points of 12 ms to 0.8 s): two workers on two
 * cores share them with everything else the machine does, and their runs there scatter by up to half.
 *
 * {@snippet :
 * Verdict v = Sweep.of(Workloads.sumOfRange(300_000_000L)).run().verdict();
 * v.trustworthy();   // false while another program keeps the cores busy
 * v.sentence();      // "Other processes used 48% of the CPU while this ran; differences under 50% are noise here. ..."
 * }
 *
 * @param trustworthy    whether the differences this run shows can be believed (see above)
 * @param otherCpuShare  the share of the machine's CPU time (all its CPUs) other processes used while the points ran,
 *                       0 to 1; NaN where the operating system does not say
 * @param spread         the widest relative spread of one point, {@code (q3 - q1) / median}; NaN when no point was
 *                       run at least three times
 * @param uncertainty    the widest {@linkplain Stats#medianUncertainty() uncertainty} of a point's median, relative;
 *                       NaN when no point was run at least three times
 * @param throttledShare the share of the run's time a CPU quota held it back, 0 to 1; NaN where unknown
 * @param noiseThreshold relative differences below this are noise in this run (0.25 means 25%)
 * @param cores          the cores the JVM had; with one, CPU-bound work cannot speed up, whatever the verdict
 * @param sentence       the verdict in one or two plain sentences
 */
public record Verdict(boolean trustworthy, double otherCpuShare, double spread, double uncertainty,
                      double throttledShare, double noiseThreshold, int cores, String sentence) {

    /** Other processes may take this share of the machine's CPU, in percent, before a run is called noisy. */
    public static final int MAX_OTHER_SHARE_PERCENT = 15;
    /** A point's median may be uncertain by this much, in percent, before a run is called noisy. */
    public static final int MAX_UNCERTAINTY_PERCENT = 20;
    /** A quota may hold a run back this share of its time, in percent, before it is called noisy. */
    public static final int MAX_THROTTLED_PERCENT = 5;

    /**
     * Judges a set of measurements.
     *
     * @param otherCpuShare  see the record's description; NaN when unknown
     * @param spread         the widest relative spread of a point measured at least three times; NaN when none was
     * @param uncertainty    the widest relative uncertainty of such a point's median; NaN when none was
     * @param throttledShare see the record's description; NaN when unknown
     * @param cores          the cores the JVM had, at least 1
     * @return the verdict, with its sentence
     * @throws IllegalArgumentException if {@code cores < 1}, or a share or the spread is negative
     */
    public static Verdict of(double otherCpuShare, double spread, double uncertainty, double throttledShare,
                             int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1 but was " + cores);
        }
        for (double v : new double[] {otherCpuShare, spread, uncertainty, throttledShare}) {
            if (v < 0) {
                throw new IllegalArgumentException("shares and spread must be >= 0 but one was " + v);
            }
        }
        boolean busy = otherCpuShare > MAX_OTHER_SHARE_PERCENT / 100.0;
        boolean wide = uncertainty > MAX_UNCERTAINTY_PERCENT / 100.0;
        boolean throttled = throttledShare > MAX_THROTTLED_PERCENT / 100.0;
        double noise = Math.max(0.10, Math.max(Double.isNaN(uncertainty) ? 0 : 2 * uncertainty,
                Double.isNaN(otherCpuShare) ? 0 : otherCpuShare));
        noise = Math.min(1.0, Math.ceil(noise * 20 - 1e-9) / 20);   // in steps of 5%
        boolean trustworthy = !busy && !wide && !throttled;
        return new Verdict(trustworthy, otherCpuShare, spread, uncertainty, throttledShare, noise, cores,
                sentence(trustworthy, busy, wide, throttled, otherCpuShare, spread, uncertainty, throttledShare, noise,
                        cores));
    }

    /** The verdict in words: a quiet run in a few, a noisy one with its cause, the threshold and what to do. */
    private static String sentence(boolean trustworthy, boolean busy, boolean wide, boolean throttled, double other,
                                   double spread, double uncertainty, double throttledShare, double noise,
                                   int cores) {
        StringBuilder s = new StringBuilder();
        if (trustworthy) {
            s.append("Quiet machine");
            if (!Double.isNaN(other)) {
                s.append(": other processes used ").append(percent(other)).append(" of the CPU");
            }
            s.append(Double.isNaN(uncertainty) ? "; one run per point, so its spread is unknown."
                    : "; every median is known to ±" + percent(uncertainty) + ".");
        } else {
            if (busy) {
                s.append("Other processes used ").append(percent(other)).append(" of the CPU while this ran");
            }
            if (throttled) {
                s.append(s.isEmpty() ? "A" : ", and a").append(" CPU quota held it back ")
                        .append(percent(throttledShare)).append(" of the time");
            }
            if (wide) {
                s.append(s.isEmpty() ? "Repeated runs of one point" : "; repeated runs of one point")
                        .append(" differ by up to ").append(percent(spread))
                        .append(", so its median is known only to ±").append(percent(uncertainty));
            }
            s.append("; differences under ").append(percent(noise)).append(" are noise here. ")
                    .append(busy || throttled ? "Run it again when `uptime` shows a load under 1."
                            : "Run it again, or with more rounds.");
        }
        if (cores == 1) {
            s.append(" This kernel has one core: more workers cannot make CPU-bound work faster here.");
        }
        return s.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /**
     * Whether a relative difference between two medians is larger than this run's noise.
     *
     * @param ratio one median over the other, such as a speedup; any positive number
     * @return true when {@code ratio} differs from 1 by more than {@link #noiseThreshold()}
     * @throws IllegalArgumentException if {@code ratio} is not positive
     */
    public boolean showsDifference(double ratio) {
        if (!(ratio > 0)) {
            throw new IllegalArgumentException("ratio must be > 0 but was " + ratio);
        }
        return Math.abs(Math.log(ratio)) > Math.log(1 + noiseThreshold);
    }

    /**
     * A finding followed by this verdict, for a lesson's computed sentence: {@code "threads 1.9x. Quiet machine: ..."},
     * or, when the run cannot be trusted, {@code "Noisy run: threads 0.8x. Other processes used 61% ..."}.
     *
     * @param finding what the measurement showed, without a final period
     * @return the finding and the verdict, as one text
     * @throws NullPointerException if {@code finding} is null
     */
    public String about(String finding) {
        Objects.requireNonNull(finding, "finding must not be null");
        return (trustworthy ? "" : "Noisy run: ") + finding + ". " + sentence;
    }

    @Override
    public String toString() {
        return sentence;
    }
}

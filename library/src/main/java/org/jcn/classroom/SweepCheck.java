package org.jcn.classroom;

import java.time.Duration;
import java.util.Locale;

import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.SweepResult;

/**
 * The values a learner's file must hold before the class chart uses it: a file is written by a learner, so every
 * number that reaches a chart or a table is checked here, and a file that fails is left out with the reason.
 */
final class SweepCheck {

    /** The most workers, cores or CPUs a file may claim: more stretches the chart's axes to nothing. */
    static final int MAX_COUNT = 1024;

    /** The longest run a file may claim: the setup notebook's sweep takes seconds. */
    private static final long MAX_ELAPSED_NANOS = Duration.ofHours(1).toNanos();

    private SweepCheck() {
    }

    /**
     * What is wrong with a sweep read from a learner's file.
     *
     * @param r the sweep (its date has parsed already)
     * @return the first problem found, or null when the sweep can be charted
     */
    static String problem(SweepResult r) {
        Platform p = r.platform();
        String count = range("cores", p.cores());
        count = count != null ? count : range("host CPUs", p.hostCpus());
        if (count != null) {
            return count;
        }
        if (!p.javaVersion().matches("[1-9][0-9]{0,2}([.+_-][0-9A-Za-z.+_-]{0,40})?")) {
            return "Java version \"" + shorten(p.javaVersion(), 40) + "\" is not a version such as 25.0.1";
        }
        if (!Double.isNaN(p.cpuQuota()) && !(p.cpuQuota() > 0 && p.cpuQuota() <= MAX_COUNT)) {
            return "cpu_quota " + p.cpuQuota() + " is not between 0 and " + MAX_COUNT;
        }
        if (r.mechanisms().isEmpty() || r.workerCounts().length == 0) {
            return "no mechanism or worker count";
        }
        for (SweepResult.Sample s : r.samples()) {
            String workers = range("workers", s.workers());
            if (workers != null) {
                return workers;
            }
            if (s.wallNanos() <= 0 || s.wallNanos() > MAX_ELAPSED_NANOS) {
                return String.format(Locale.ROOT, "elapsed_ns %d at %d workers is not between 1 and %d",
                        s.wallNanos(), s.workers(), MAX_ELAPSED_NANOS);
            }
        }
        Mechanism first = r.mechanisms().get(0);
        for (int w : r.workerCounts()) {
            if (!r.has(first, w)) {
                return "no sample of " + first.label() + " at " + w + " workers";
            }
        }
        return null;
    }

    private static String range(String what, int value) {
        return value >= 1 && value <= MAX_COUNT ? null
                : what + " " + value + " is not between 1 and " + MAX_COUNT;
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}

package org.jcn.internal.measure;

import java.util.Locale;
import java.util.function.Supplier;

import org.jcn.internal.Kernels;
import org.jcn.internal.display.HouseChart;
import org.jcn.internal.display.Html;

/**
 * Shows how far a long measurement has got, in the cell that runs it: as a live chart of the points measured so
 * far when the caller can draw one, else as one line.
 *
 * <p>Nothing is shown for the first two seconds, so quick measurements stay silent. After that, inside the
 * project's kernel one display is updated in place ({@code update_display_data}): the chart, redrawn at most
 * once a second with the progress (runs done, time so far, time left) in its footer, or the line when there is
 * no chart yet. On other kernels and in plain JVMs a line is printed at most every ten seconds. {@link #finish}
 * leaves a one-line summary wherever something was shown. A chart is drawn between measurements, never during
 * one; not thread safe (one sweep, one thread).
 */
public final class Progress {

    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long PRINT_EVERY_NANOS = 10_000_000_000L;
    private static final long REDRAW_EVERY_NANOS = 1_000_000_000L;
    /** {@code -Djcn.progress=off} silences progress (the benchmarks print their own tables). */
    private static final boolean OFF = "off".equals(System.getProperty("jcn.progress"));

    private final String what;
    private int total;
    private final long start = System.nanoTime();
    private String displayId;
    private boolean shown;
    private long lastShown;

    public Progress(String what, int total) {
        this.what = what;
        this.total = total;
    }

    /** Reports that {@code done} of the total steps are finished; {@code step} describes the current one. */
    public void update(int done, String step) {
        update(done, step, () -> null);
    }

    /**
     * Reports progress and offers a chart of what was measured so far; {@code chart} is called only when the
     * chart is due to be redrawn, and may return null while there is nothing to draw.
     */
    public void update(int done, String step, Supplier<HouseChart> chart) {
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NANOS || OFF) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s: %d of %d runs done, %.0f s so far (now: %s)",
                what, done, total, (now - start) / 1e9, step);
        if (!shown) {
            shown = true;
            lastShown = now;
            HouseChart drawn = chart.get();
            displayId = drawn == null ? Kernels.displayHtml(html(line)) : Kernels.display(noted(drawn, done, now));
            if (displayId == null) {
                System.out.println(line);
            }
        } else if (displayId != null) {
            if (now - lastShown >= REDRAW_EVERY_NANOS) {
                HouseChart drawn = chart.get();
                if (drawn == null) {
                    Kernels.updateHtml(displayId, html(line));
                } else {
                    Kernels.update(displayId, noted(drawn, done, now));
                }
                lastShown = now;
            }
        } else if (now - lastShown >= PRINT_EVERY_NANOS) {
            System.out.println(line);
            lastShown = now;
        }
    }

    /** Adds {@code more} steps to the total (extra rounds decided while measuring). */
    public void extend(int more) {
        total += more;
    }

    /** Replaces what was shown, if anything, with a summary line ending with {@code verdict}. */
    public void finish(String verdict) {
        if (!shown) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s: %d runs in %.1f s. %s", what, total,
                (System.nanoTime() - start) / 1e9, verdict);
        if (displayId != null) {
            Kernels.updateHtml(displayId, html(line));
        } else {
            System.out.println(line);
        }
    }

    /** The chart with the progress in its footer: runs done, time so far, and an estimate of the time left. */
    private HouseChart noted(HouseChart chart, int done, long now) {
        double elapsed = (now - start) / 1e9;
        String left = done == 0 ? "" : String.format(Locale.ROOT, ", about %s left",
                seconds(elapsed / done * (total - done)));
        chart.setNote(String.format(Locale.ROOT, "measuring: %d of %d runs, %s so far%s", done, total,
                seconds(elapsed), left));
        return chart;
    }

    private static String seconds(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f min", s / 60);
    }

    private static String html(String line) {
        return "<pre style=\"margin:0\">" + Html.escape(line) + "</pre>";
    }
}

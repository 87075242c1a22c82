package org.jcn.internal.measure;

import java.util.Locale;

import org.jcn.internal.Kernels;

/**
 * Shows how far a long measurement has got, in the cell that runs it.
 *
 * <p>Nothing is shown for the first two seconds, so quick measurements stay silent. After that, inside
 * the project's kernel one display line is updated in place; on other kernels and in plain JVMs a line is
 * printed at most every ten seconds. {@link #finish} leaves a final summary wherever a line was shown.
 */
public final class Progress {

    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long PRINT_EVERY_NANOS = 10_000_000_000L;
    /** {@code -Djcn.progress=off} silences progress (the benchmarks print their own tables). */
    private static final boolean OFF = "off".equals(System.getProperty("jcn.progress"));

    private final String what;
    private final int total;
    private final long start = System.nanoTime();
    private String displayId;
    private boolean shown;
    private long lastPrint;

    public Progress(String what, int total) {
        this.what = what;
        this.total = total;
    }

    /** Reports that {@code done} of the total steps are finished; {@code step} describes the current one. */
    public void update(int done, String step) {
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NANOS || OFF) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s: %d of %d runs done, %.0f s so far (now: %s)",
                what, done, total, (now - start) / 1e9, step);
        if (!shown) {
            shown = true;
            displayId = Kernels.displayHtml(html(line));
            if (displayId == null) {
                System.out.println(line);
            }
            lastPrint = now;
        } else if (displayId != null) {
            Kernels.updateHtml(displayId, html(line));
        } else if (now - lastPrint >= PRINT_EVERY_NANOS) {
            System.out.println(line);
            lastPrint = now;
        }
    }

    /** Replaces the progress line, if one was shown, with a summary. */
    public void finish() {
        if (!shown) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s: %d runs in %.1f s", what, total,
                (System.nanoTime() - start) / 1e9);
        if (displayId != null) {
            Kernels.updateHtml(displayId, html(line));
        } else {
            System.out.println(line);
        }
    }

    private static String html(String line) {
        return "<pre style=\"margin:0\">" + line.replace("&", "&amp;").replace("<", "&lt;") + "</pre>";
    }
}

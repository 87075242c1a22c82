package org.jcn.display;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

/**
 * Checks a chart by reading its image, as a learner looks at it: the legend covers no data, nothing runs off the
 * image, and log axes read as plain numbers.
 */
public final class ChartImages {

    /** A colour the house style never uses: paints the legend box so that it can be found in the image. */
    private static final Color SENTINEL = new Color(0xFF00FF);
    private static final int EDGE = 2;

    private ChartImages() {
    }

    /** All three checks. */
    public static void assertReadable(XYChart chart) {
        assertNothingAtTheEdges(chart);
        assertLegendCoversNoData(chart);
        assertLogAxesReadPlainNumbers(chart);
    }

    /**
     * Draws the chart twice: once with the legend box painted in a sentinel colour (which finds the box), once
     * with a transparent legend (which shows what lies under the box). No pixel under the box may have the colour
     * of a series' line or marker.
     */
    public static void assertLegendCoversNoData(XYChart chart) {
        XYStyler styler = chart.getStyler();
        Color background = styler.getLegendBackgroundColor();
        Color border = styler.getLegendBorderColor();
        try {
            styler.setLegendBackgroundColor(SENTINEL).setLegendBorderColor(SENTINEL);
            BufferedImage marked = Charts.image(chart);
            styler.setLegendBackgroundColor(new Color(0, 0, 0, 0)).setLegendBorderColor(new Color(0, 0, 0, 0));
            BufferedImage under = Charts.image(chart);
            List<Color> data = new ArrayList<>();
            for (XYSeries s : chart.getSeriesMap().values()) {
                data.add(s.getLineColor());
                data.add(s.getMarkerColor());
            }
            int boxPixels = 0;
            for (int y = 0; y < marked.getHeight(); y++) {
                for (int x = 0; x < marked.getWidth(); x++) {
                    if ((marked.getRGB(x, y) & 0xFFFFFF) != (SENTINEL.getRGB() & 0xFFFFFF)) {
                        continue;
                    }
                    boxPixels++;
                    Color seen = new Color(under.getRGB(x, y));
                    for (Color c : data) {
                        if (c != null && distance(seen, c) < 40) {
                            fail("the legend covers data at (" + x + ", " + y + "): a pixel of colour " + seen
                                    + " lies under it in " + chart.getTitle());
                        }
                    }
                }
            }
            assertTrue(!styler.isLegendVisible() || boxPixels > 0, "no legend box found in " + chart.getTitle());
        } finally {
            styler.setLegendBackgroundColor(background).setLegendBorderColor(border);
        }
    }

    /** A frame of {@value #EDGE} pixels around the image is plain background: nothing was cut at an edge. */
    public static void assertNothingAtTheEdges(XYChart chart) {
        BufferedImage image = Charts.image(chart);
        int background = chart.getStyler().getChartBackgroundColor().getRGB();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean edge = x < EDGE || y < EDGE || x >= image.getWidth() - EDGE || y >= image.getHeight() - EDGE;
                if (edge && image.getRGB(x, y) != background) {
                    fail("something is drawn at the image's edge, at (" + x + ", " + y + "), in " + chart.getTitle());
                }
            }
        }
    }

    /** Every tick value a log axis can have, from 10^-6 to 10^12, formats without scientific notation. */
    public static void assertLogAxesReadPlainNumbers(XYChart chart) {
        XYStyler styler = chart.getStyler();
        List<String> patterns = new ArrayList<>();
        if (styler.isXAxisLogarithmic()) {
            patterns.add(styler.getXAxisDecimalPattern());
        }
        if (styler.isYAxisLogarithmic()) {
            patterns.add(styler.getYAxisDecimalPattern());
        }
        for (String pattern : patterns) {
            assertFalse(pattern == null, "a log axis of " + chart.getTitle() + " has no plain-number pattern");
            DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
            for (int exponent = -6; exponent <= 12; exponent++) {
                for (int digit = 1; digit <= 9; digit++) {
                    String label = format.format(digit * Math.pow(10, exponent));
                    assertFalse(label.contains("E"), "log axis tick label " + label + " in " + chart.getTitle());
                }
            }
        }
    }

    private static double distance(Color a, Color b) {
        int dr = a.getRed() - b.getRed();
        int dg = a.getGreen() - b.getGreen();
        int db = a.getBlue() - b.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}

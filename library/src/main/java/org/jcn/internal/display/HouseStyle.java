package org.jcn.internal.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The project's chart style: white background, light grid, the Okabe-Ito colour-blind-safe palette with a
 * distinct marker per series, type readable at notebook width, plain numbers on every axis (log axes read
 * {@code 10,000}, never {@code 1E4}) and the legend outside the plot, so it never covers data.
 */
public final class HouseStyle {

    /** Okabe and Ito's palette (2008), in an order whose first colours differ most; yellow left out (too pale). */
    public static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0x999933), // olive (Paul Tol's muted scheme): an eighth series, such as a sweep's eighth mechanism
    };
    /** Lines drawn for reference (ideal speedup, a model): not data, so grey. */
    public static final Color REFERENCE = new Color(0x6E6E6E);
    /** Secondary text: the platform stamp, progress, the core-count label. */
    public static final Color QUIET_TEXT = new Color(0x555555);
    public static final Color TEXT = new Color(0x222222);
    public static final Color GRID = new Color(0xEBEBEB);

    public static final String FONT = Font.SANS_SERIF;
    public static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 15);
    public static final Font AXIS_TITLE_FONT = new Font(FONT, Font.PLAIN, 13);
    public static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
    public static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 12);
    public static final Font NOTE_FONT = new Font(FONT, Font.PLAIN, 11);

    /** Thousands grouped, up to six decimals, never scientific: {@code 10,000}, {@code 0.5}, {@code 0.001}. */
    public static final String NUMBER_PATTERN = "#,##0.######";

    /** One marker shape per series, in palette order, so series differ in shape as well as colour. */
    public static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.OVAL, SeriesMarkers.CROSS, new org.knowm.xchart.style.markers.Plus(),
    };

    private HouseStyle() {
    }

    /** Gives a series the colour and marker of the {@code index}-th place in the palette, whatever its order. */
    public static void paintSeries(org.knowm.xchart.XYSeries series, int index) {
        Color color = PALETTE[index % PALETTE.length];
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(MARKERS[index % MARKERS.length]);
    }

    /** Draws a series as a reference line: grey, dashed or dotted, without markers. */
    public static void referenceSeries(org.knowm.xchart.XYSeries series, BasicStroke stroke) {
        series.setLineColor(REFERENCE);
        series.setLineStyle(stroke);
        series.setMarker(SeriesMarkers.NONE);
    }

    /** Applies the style to any chart; axes charts also get plain-number axes and a legend below the plot. */
    public static void apply(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setChartFontColor(TEXT).setChartTitleFont(TITLE_FONT).setChartTitleBoxVisible(false)
                .setChartTitlePadding(8).setChartPadding(12).setPlotBorderVisible(false)
                .setSeriesColors(PALETTE).setSeriesMarkers(MARKERS).setSeriesLines(lines())
                .setMarkerSize(7).setAntiAlias(true)
                .setLegendFont(LEGEND_FONT).setLegendBackgroundColor(Color.WHITE).setLegendBorderColor(Color.WHITE)
                .setLegendPadding(5).setLegendSeriesLineLength(18)
                .setAnnotationTextFont(NOTE_FONT).setAnnotationTextFontColor(QUIET_TEXT)
                .setAnnotationLineColor(REFERENCE)
                .setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[] {6, 4}, 0))
                .setDecimalPattern(NUMBER_PATTERN);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(AXIS_TITLE_FONT).setAxisTickLabelsFont(TICK_FONT).setAxisTickLabelsColor(TEXT)
                    .setAxisTickMarksColor(GRID.darker()).setAxisTicksLineVisible(false)
                    .setPlotGridLinesColor(GRID).setPlotGridLinesStroke(new BasicStroke(1f))
                    .setAxisTitlePadding(8).setLocale(Locale.ROOT)
                    .setXAxisDecimalPattern(NUMBER_PATTERN).setYAxisDecimalPattern(NUMBER_PATTERN);
            a.setLegendPosition(Styler.LegendPosition.OutsideS);
            a.setLegendLayout(Styler.LegendLayout.Horizontal);
        } else {
            s.setLegendPosition(Styler.LegendPosition.OutsideE);
        }
    }

    private static BasicStroke[] lines() {
        BasicStroke solid = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        return new BasicStroke[] {solid};
    }

    /** A dashed grey line for a reference series (the ideal), distinct from data. */
    public static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {7, 5}, 0);
    }

    /** A dotted line for a fitted model (Amdahl's law). */
    public static BasicStroke dotted() {
        return new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, new float[] {0.5f, 5}, 0);
    }
}

package org.jcn.internal.display;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.util.Objects;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * An XChart line chart in the house style ({@link HouseStyle}) with a footer line under it: a note on the left
 * (a sweep's progress while it runs) and the platform stamp on the right. The footer is drawn by {@link #paint}, so
 * every encoder (PNG, SVG, a kernel's renderer) shows it. Just before painting, the legend is placed where it fits
 * outside the plot (see {@link #fitLegend}). Like any XChart chart, not thread safe.
 */
public final class HouseChart extends XYChart {

    /** Height of the footer line, in pixels at 1x. */
    public static final int FOOTER = 20;
    // XChart centres the last tick label on the plot's right end, where half of it can pass the chart's padding
    // and be cut at the image's edge (a time axis ending at 2.88 ms, say): the plot stops this much earlier.
    private static final int RIGHT_ROOM = 12;

    private volatile String stamp;
    private volatile String note = "";
    private volatile String verdict = "";
    private volatile boolean warning;
    /** Warnings in the footer: dark orange, readable on white and apart from every series colour. */
    private static final Color WARNING = new Color(0xA64B00);
    private static final int VERDICT_LINE = 15;
    /** Where {@link #fitLegend} last put the legend; another position means a cell chose one. */
    private Styler.LegendPosition legendPlace = Styler.LegendPosition.OutsideS;

    /** The size of every chart the library makes: readable in a notebook column, and in a slide. */
    public static final int WIDTH = 720;
    /** See {@link #WIDTH}; includes the footer line with the platform stamp. */
    public static final int HEIGHT = 440;

    /**
     * A line chart in the house style, its y axis from zero, stamped with the machine it describes: what
     * {@code Charts.createXY} makes, for the library's own charts, which stamp the machine their data came from.
     */
    public static HouseChart xy(String title, String xTitle, String yTitle, String stamp) {
        HouseChart chart = new HouseChart(WIDTH, HEIGHT, stamp);
        chart.setTitle(Objects.requireNonNull(title, "title must not be null"));
        chart.setXAxisTitle(Objects.requireNonNull(xTitle, "xTitle must not be null"));
        chart.setYAxisTitle(Objects.requireNonNull(yTitle, "yTitle must not be null"));
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    public HouseChart(int width, int height, String stamp) {
        super(width, height);
        HouseStyle.apply(this);
        this.stamp = Objects.requireNonNull(stamp, "stamp must not be null");
    }

    /** The platform stamp in the footer's right corner. */
    public String stamp() {
        return stamp;
    }

    public void setStamp(String stamp) {
        this.stamp = Objects.requireNonNull(stamp, "stamp must not be null");
    }

    /** The note in the footer's left corner; empty for none. */
    public String note() {
        return note;
    }

    public void setNote(String note) {
        this.note = Objects.requireNonNull(note, "note must not be null");
    }

    /** The verdict on the measurement, drawn in up to two lines above the footer line; empty for none. */
    public String verdict() {
        return verdict;
    }

    /**
     * Sets the verdict drawn above the footer line, in the quiet text colour, or in dark orange when
     * {@code warning} (a measurement that should not be believed).
     */
    public void setVerdict(String verdict, boolean warning) {
        this.verdict = Objects.requireNonNull(verdict, "verdict must not be null");
        this.warning = warning;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        fitLegend(width);
        g.setFont(HouseStyle.NOTE_FONT);
        int margin0 = getStyler().getChartPadding();
        java.util.List<String> verdictLines = wrap(g, verdict, width - 2 * margin0, 2);
        int top = height - FOOTER - VERDICT_LINE * verdictLines.size();
        g.setColor(getStyler().getChartBackgroundColor());
        g.fillRect(0, 0, width, top); // including the strip right of what XChart paints
        super.paint(g, width - RIGHT_ROOM, top);
        setWidth(width);
        setHeight(height);
        g.setColor(Color.WHITE);
        g.fillRect(0, top, width, height - top);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(HouseStyle.NOTE_FONT);
        g.setColor(HouseStyle.QUIET_TEXT);
        int baseline = height - 6;
        int margin = getStyler().getChartPadding();
        int stampWidth = g.getFontMetrics().stringWidth(stamp);
        g.drawString(stamp, width - margin - stampWidth, baseline);
        String shown = fit(g, note, width - 2 * margin - stampWidth - 16);
        if (!shown.isEmpty()) {
            g.drawString(shown, margin, baseline);
        }
        g.setColor(warning ? WARNING : HouseStyle.QUIET_TEXT);
        for (int i = 0; i < verdictLines.size(); i++) {
            g.drawString(verdictLines.get(i), margin, top + VERDICT_LINE * (i + 1) - 2);
        }
    }

    /** {@code text} broken into lines at most {@code room} pixels wide, at most {@code max} of them (the last cut). */
    private static java.util.List<String> wrap(Graphics2D g, String text, int room, int max) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.isBlank() ? new String[0] : text.trim().split("\\s+")) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (g.getFontMetrics().stringWidth(tried) <= room || line.isEmpty()) {
                line.setLength(0);
                line.append(tried);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        if (lines.size() > max) {
            String rest = String.join(" ", lines.subList(max - 1, lines.size()));
            lines = new java.util.ArrayList<>(lines.subList(0, max - 1));
            lines.add(fit(g, rest, room));
        }
        return lines;
    }

    /** The note, cut with an ellipsis when it is wider than {@code room} pixels. */
    private static String fit(Graphics2D g, String text, int room) {
        if (g.getFontMetrics().stringWidth(text) <= room) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && g.getFontMetrics().stringWidth(cut + "…") > room) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.isEmpty() ? "" : cut + "…";
    }

    /**
     * The legend's place, chosen just before painting unless a cell moved it: one row below the plot when the
     * entries fit the width, else one entry per line right of the plot when that column is narrow, else one entry
     * per line below the plot.
     */
    private void fitLegend(int width) {
        Styler styler = getStyler();
        if (styler.getLegendPosition() != legendPlace) {
            return;
        }
        FontRenderContext frc = new FontRenderContext(null, true, false);
        int padding = styler.getLegendPadding();
        double row = padding;
        double widest = 0;
        for (XYSeries series : getSeriesMap().values()) {
            if (series.isShowInLegend() && series.isEnabled()) {
                for (String line : series.getLabel().split("\\n")) {
                    double text = new TextLayout(line, styler.getLegendFont(), frc).getBounds().getWidth();
                    widest = Math.max(widest, text);
                    row += text + styler.getLegendSeriesLineLength() + 2 * padding;
                }
            }
        }
        // XChart centres a legend below the plot on the plot, which starts right of the y axis: the row must fit
        // the plot's width, estimated as the chart's less the y axis (its reserved width, or about 70 pixels).
        int yAxis = styler.getYAxisLeftWidthHint() > 0 ? styler.getYAxisLeftWidthHint() : 70;
        double room = width - 2 * styler.getChartPadding() - yAxis;
        double column = widest + styler.getLegendSeriesLineLength() + 3 * padding;
        if (row <= room) {
            legendPlace = Styler.LegendPosition.OutsideS;
            styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        } else {
            legendPlace = column <= 0.36 * width ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.OutsideS;
            styler.setLegendLayout(Styler.LegendLayout.Vertical);
        }
        styler.setLegendPosition(legendPlace);
    }
}

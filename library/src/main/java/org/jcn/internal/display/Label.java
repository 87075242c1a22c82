package org.jcn.internal.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * A text annotation that stays readable: placed beside a point (right of it, left of it, or centred on it) and
 * moved inside the plot when it would run past an edge, so no label is ever cut; or centred in a span and left
 * out where it does not fit; or, for a lane's name, right-aligned in the margin left of the plot. XChart's own
 * text annotation is always centred on its point and may leave the image.
 */
public final class Label extends Annotation {

    /** Where the text goes relative to its anchor. */
    public enum Side { RIGHT, LEFT, CENTRE }

    private enum Mode { BESIDE, WITHIN, LANE }

    private final String text;
    private final Mode mode;
    private final double x;
    private final double x2;
    private final double y;
    private final double dy;
    private final Side side;
    private final Font font;
    private final Color color;
    private final boolean backdrop;

    private Label(String text, Mode mode, double x, double x2, double y, double dy, Side side, Font font,
                  Color color, boolean backdrop) {
        super(false);
        this.text = text;
        this.mode = mode;
        this.x = x;
        this.x2 = x2;
        this.y = y;
        this.dy = dy;
        this.side = side;
        this.font = font;
        this.color = color;
        this.backdrop = backdrop;
    }

    /**
     * A label beside a point, kept inside the plot.
     *
     * @param x        the anchor's x, in data units
     * @param y        the anchor's y (the text's vertical centre), in data units; NaN for the top of the plot
     * @param dy       pixels to move it down from there (up when negative)
     * @param side     where the text goes relative to x
     * @param backdrop whether to paint a white box behind it, so that lines under it do not cross the letters
     */
    public static Label beside(String text, double x, double y, double dy, Side side, Font font, Color color,
                               boolean backdrop) {
        return new Label(text, Mode.BESIDE, x, Double.NaN, y, dy, side, font, color, backdrop);
    }

    /** A label centred between {@code from} and {@code to} at {@code y}, drawn only where it fits between them. */
    public static Label within(String text, double from, double to, double y, Font font, Color color) {
        return new Label(text, Mode.WITHIN, from, to, y, 0, Side.CENTRE, font, color, false);
    }

    /** A lane's name at {@code y}, right-aligned in the margin left of the plot. */
    public static Label lane(String text, double y, Font font, Color color) {
        return new Label(text, Mode.LANE, Double.NaN, Double.NaN, y, 0, Side.LEFT, font, color, false);
    }

    public String text() {
        return text;
    }

    @Override
    public void paint(Graphics2D g) {
        bounds = null;
        if (!isVisible || text.isEmpty()) {
            return;
        }
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        Rectangle2D box = layout.getBounds();
        double width = box.getWidth();
        double height = layout.getAscent() + layout.getDescent();
        double plotLeft = getXAxisScreenValueForMin();
        double left;
        Color ink = color;
        if (mode == Mode.LANE) {
            left = Math.max(2, plotLeft - 8 - width);
        } else {
            double anchor = getXAxisScreenValue(x);
            if (mode == Mode.WITHIN) {
                double end = getXAxisScreenValue(x2);
                if (width + 6 > end - anchor) {
                    // Too short a bar for its label: the label goes just right of it, in the text colour, if the
                    // plot has room there; else it is left out rather than drawn over another bar.
                    if (end + 4 + width > getXAxisScreenValueForMax()) {
                        return;
                    }
                    paintText(g, layout, box, end + 4, y, height, HouseStyle.TEXT);
                    return;
                }
                anchor = (anchor + end) / 2;
            }
            left = switch (side) {
                case RIGHT -> anchor + 5;
                case LEFT -> anchor - 5 - width;
                case CENTRE -> anchor - width / 2;
            };
            left = Math.max(plotLeft + 2, Math.min(left, getXAxisScreenValueForMax() - 2 - width));
        }
        paintText(g, layout, box, left, y, height, ink);
    }

    /** Draws the text with its left edge at {@code left}, centred on {@code y} (plus dy), and records its bounds. */
    private void paintText(Graphics2D g, TextLayout layout, Rectangle2D box, double left, double y, double height,
                           Color ink) {
        double width = box.getWidth();
        double centreY = Double.isNaN(y) ? getYAxisScreenValueForMin() + 4 + height / 2 : getYAxisScreenValue(y) + dy;
        centreY = Math.max(height / 2 + 1, Math.min(centreY, chart.getHeight() - height / 2 - 1));
        double baseline = centreY + (layout.getAscent() - layout.getDescent()) / 2;
        Object hint = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (backdrop) {
            g.setColor(new Color(255, 255, 255, 220));
            g.fill(new Rectangle2D.Double(left - 2, centreY - height / 2 - 1, width + 4, height + 2));
        }
        g.setColor(ink);
        AffineTransform original = g.getTransform();
        g.translate(left - box.getX(), baseline);
        g.fill(layout.getOutline(null));
        g.setTransform(original);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, hint);
        bounds = new Rectangle2D.Double(left, centreY - height / 2, width, height);
    }
}

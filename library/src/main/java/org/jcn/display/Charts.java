package org.jcn.display;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import org.jcn.internal.display.HouseChart;
import org.jcn.internal.display.HouseStyle;
import org.jcn.internal.display.Images;
import org.jcn.internal.machine.Machine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Makes charts in the project's house style and turns them into images and files.
 *
 * <p>The house style: white background, a colour-blind-safe palette (Okabe and Ito's) with a distinct marker per
 * series, type readable at notebook width, the legend below the plot where it never covers data, plain numbers on
 * every axis (log axes read {@code 10,000}, never {@code 1E4}), and a footer line with the platform the chart was
 * drawn on (core count and what bounds it, Java version). Every chart the library makes has it; {@link #createXY}
 * gives a cell the same, and {@link #style} applies the colours and type to any XChart chart.
 *
 * <p>Images are drawn at {@link #SCALE} times the chart's size, so they stay crisp on high-DPI screens: the
 * project's kernel tells the front end to show them at the chart's own width and height. On the project's kernel a
 * chart returned as a cell's value renders as {@code image/png}; on other JShell based kernels (IJava, JJava)
 * {@link #image(Chart)} returns a {@link BufferedImage}, the one value every kernel shows as a picture. All methods
 * are thread safe for distinct charts (an XChart chart is not thread safe itself).
 *
 * {@snippet :
 * XYChart chart = Charts.createXY("squares", "n", "n²");
 * chart.addSeries("n²", new double[] {1, 2, 3}, new double[] {1, 4, 9});
 * Charts.save(chart, Path.of("squares.svg"));   // or .png
 * chart                                         // the last expression of a cell: shown as a PNG
 * }
 */
public final class Charts {

    /** Default size of the charts this class creates, in pixels at 1x: fits a notebook column and a small laptop. */
    public static final int WIDTH = HouseChart.WIDTH;
    /** See {@link #WIDTH}; includes the footer line with the platform stamp. */
    public static final int HEIGHT = HouseChart.HEIGHT;
    /** How many device pixels a PNG has per chart pixel (2: crisp on high-DPI screens, shown at 1x). */
    public static final int SCALE = 2;

    private Charts() {
    }

    /**
     * Creates an empty line chart in the house style, stamped with the platform it is drawn on (core count,
     * Java version), so that a screenshot of it never misleads. The y axis starts at zero (an axis cut at the
     * lowest point would exaggerate differences); set another minimum for log axes.
     *
     * @param title  what the chart shows
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @return a new chart of {@link #WIDTH} by {@link #HEIGHT} pixels; add series with {@code addSeries}
     * @throws NullPointerException if any argument is null
     */
    public static XYChart createXY(String title, String xTitle, String yTitle) {
        return HouseChart.xy(title, xTitle, yTitle, Machine.currentLabel());
    }

    /**
     * Applies the house style's colours, markers, type and plain-number axes to a chart made elsewhere (with
     * XChart's own builders, for instance). Series added before keep colours they were given explicitly.
     *
     * @param chart the chart to style
     * @param <C>   the chart's type
     * @return the same chart
     * @throws NullPointerException if {@code chart} is null
     */
    public static <C extends Chart<?, ?>> C style(C chart) {
        HouseStyle.apply(Objects.requireNonNull(chart, "chart must not be null"));
        return chart;
    }

    /**
     * Writes the platform (core count and what bounds it, Java version, operating system) on the chart, so a
     * screenshot of it always says which machine drew it: in the footer of a chart made by {@link #createXY} (it
     * already carries it; this renews it), in the bottom-right corner of any other.
     *
     * @param chart the chart to stamp
     * @param <C>   the chart's type
     * @return the same chart
     * @throws NullPointerException if {@code chart} is null
     */
    public static <C extends Chart<?, ?>> C stampPlatform(C chart) {
        Objects.requireNonNull(chart, "chart must not be null");
        String label = Machine.currentLabel();
        if (chart instanceof HouseChart house) {
            house.setStamp(label);
            return chart;
        }
        Font font = chart.getStyler().getAnnotationTextFont();
        double width = font.getStringBounds(label, new FontRenderContext(null, true, true)).getWidth();
        // Screen-space annotations are centred on x and measured from the bottom edge: this right-aligns the
        // label in the bottom-right corner.
        chart.addAnnotation(new AnnotationText(label, chart.getWidth() - 6 - width / 2, 9, true));
        return chart;
    }

    /**
     * Adds a reference line to a chart: something to compare the data with (one server delay, the ideal speedup),
     * not data, so drawn as the library draws its own: grey, dashed, without markers.
     *
     * {@snippet :
     * Charts.addReferenceLine(chart, "one server delay", new double[] {1, 10_000}, new double[] {100, 100});
     * }
     *
     * @param chart the chart
     * @param name  the line's name in the legend
     * @param x     its x values
     * @param y     its y values, as many as {@code x}
     * @return the new series
     * @throws IllegalArgumentException if {@code x} and {@code y} differ in length or the name is taken
     */
    public static org.knowm.xchart.XYSeries addReferenceLine(XYChart chart, String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must be as long as each other but were " + x.length
                    + " and " + y.length);
        }
        org.knowm.xchart.XYSeries line = chart.addSeries(name, x, y);
        HouseStyle.referenceSeries(line, HouseStyle.dashed());
        return line;
    }

    /**
     * Draws the chart into a new image of the chart's own width and height (1x).
     *
     * @param chart the chart to draw
     * @return a new image holding the drawn chart
     * @throws NullPointerException if {@code chart} is null
     */
    public static BufferedImage image(Chart<?, ?> chart) {
        return image(chart, 1);
    }

    /**
     * Draws the chart into a new image {@code scale} times the chart's width and height: the same picture with
     * finer pixels.
     *
     * @param chart the chart to draw
     * @param scale device pixels per chart pixel, 1 to 4
     * @return a new image holding the drawn chart
     * @throws NullPointerException     if {@code chart} is null
     * @throws IllegalArgumentException if {@code scale} is not between 1 and 4
     */
    public static BufferedImage image(Chart<?, ?> chart, int scale) {
        Objects.requireNonNull(chart, "chart must not be null");
        if (scale < 1 || scale > 4) {
            throw new IllegalArgumentException("scale must be between 1 and 4 but was " + scale);
        }
        return Images.draw(chart, scale);
    }

    /**
     * Encodes the chart as a PNG drawn at {@link #SCALE}x: to show it at the chart's own size, give it the
     * chart's width and height (the project's kernel does, as {@code image/png} metadata).
     *
     * @param chart the chart to encode
     * @return the PNG file's bytes
     * @throws NullPointerException if {@code chart} is null
     */
    public static byte[] png(Chart<?, ?> chart) {
        return Images.png(image(chart, SCALE));
    }

    /**
     * Encodes the chart as an SVG document: a vector picture that stays sharp at any size.
     *
     * @param chart the chart to encode
     * @return the SVG document
     * @throws NullPointerException if {@code chart} is null
     */
    public static String svg(Chart<?, ?> chart) {
        return Images.svg(Objects.requireNonNull(chart, "chart must not be null"));
    }

    /**
     * Saves the chart as a file to keep or share: a PNG ({@link #SCALE}x) or an SVG, chosen by the file name's
     * extension. An existing file is replaced.
     *
     * @param chart the chart to save
     * @param file  where, ending in {@code .png} or {@code .svg}
     * @return the file
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the file name ends in neither {@code .png} nor {@code .svg}
     * @throws UncheckedIOException     if the file cannot be written
     */
    public static Path save(Chart<?, ?> chart, Path file) {
        Objects.requireNonNull(chart, "chart must not be null");
        Objects.requireNonNull(file, "file must not be null");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = png(chart);
        } else if (name.endsWith(".svg")) {
            bytes = svg(chart).getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("file must end in .png or .svg but was " + file);
        }
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}

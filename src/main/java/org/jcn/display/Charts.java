package org.jcn.display;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.jcn.measure.Platform;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Turns XChart charts into images that any Jupyter Java kernel can show.
 *
 * <p>On the kernel that this project installs, a chart returned as a cell's value already renders as
 * {@code image/png} (the project registers a display provider with the kernel). On any other JShell based
 * kernel (IJava, JJava) a {@link BufferedImage} is the one value that renders as a picture everywhere, so
 * {@link #image(Chart)} is the portable fallback. All methods are stateless and thread safe.
 *
 * {@snippet :
 * XYChart chart = QuickChart.getChart("squares", "n", "n²", "n²", new double[] {1, 2, 3}, new double[] {1, 4, 9});
 * Charts.image(chart);   // the last expression of a cell: shown as a PNG on every kernel
 * }
 */
public final class Charts {

    /** Default size of the charts this class creates, in pixels: fits a notebook column and a small laptop. */
    public static final int WIDTH = 720;
    /** See {@link #WIDTH}. */
    public static final int HEIGHT = 420;

    private Charts() {
    }

    /**
     * Creates an empty line chart whose title ends with the platform it was drawn on (core count, Java version),
     * so that a screenshot of it never misleads.
     *
     * @param title  what the chart shows
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @return a new chart of {@link #WIDTH} by {@link #HEIGHT} pixels; add series with {@code addSeries}
     * @throws NullPointerException if any argument is null
     */
    public static XYChart createXY(String title, String xTitle, String yTitle) {
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(xTitle, "xTitle must not be null");
        Objects.requireNonNull(yTitle, "yTitle must not be null");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(6);
        // Elapsed times and speedups start at zero: an axis cut at the lowest point would exaggerate differences.
        chart.getStyler().setYAxisMin(0.0);
        stampPlatform(chart);
        return chart;
    }

    /**
     * Writes the platform (core count, Java version, operating system) into the chart's bottom-right corner, so a
     * screenshot of it always says which machine drew it. Charts made by {@link #createXY} already carry it.
     *
     * @param chart the chart to stamp
     * @param <C>   the chart's type
     * @return the same chart
     * @throws NullPointerException if {@code chart} is null
     */
    public static <C extends Chart<?, ?>> C stampPlatform(C chart) {
        Objects.requireNonNull(chart, "chart must not be null");
        String label = Platform.current().label();
        Font font = chart.getStyler().getAnnotationTextFont();
        double width = font.getStringBounds(label, new FontRenderContext(null, true, true)).getWidth();
        // Screen-space annotations are centred on x and measured from the bottom edge: this right-aligns the
        // label in the bottom-right corner, beside the (centred) x axis title.
        chart.addAnnotation(new AnnotationText(label, chart.getWidth() - 6 - width / 2, 9, true));
        return chart;
    }

    /**
     * Draws the chart into a new image of the chart's own width and height.
     *
     * @param chart the chart to draw
     * @return a new image holding the drawn chart
     * @throws NullPointerException if {@code chart} is null
     */
    public static BufferedImage image(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart must not be null");
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Encodes the chart as PNG bytes.
     *
     * @param chart the chart to encode
     * @return the PNG file's bytes
     * @throws NullPointerException if {@code chart} is null
     */
    public static byte[] png(Chart<?, ?> chart) {
        BufferedImage image = image(chart);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as PNG", e);
        }
        return out.toByteArray();
    }
}

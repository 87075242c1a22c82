package org.jcn.display;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

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

    private Charts() {
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

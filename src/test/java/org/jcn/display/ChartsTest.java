package org.jcn.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.jcn.measure.Platform;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

class ChartsTest {

    private static XYChart sample() {
        XYChart chart = Charts.createXY("squares", "n", "n squared");
        chart.addSeries("n²", new double[] {1, 2, 3}, new double[] {1, 4, 9});
        return chart;
    }

    @Test
    void createXYMakesALabelledChartOfTheDefaultSizeStartingAtZero() {
        XYChart chart = sample();
        assertEquals("squares", chart.getTitle());
        assertEquals("n", chart.getXAxisTitle());
        assertEquals("n squared", chart.getYAxisTitle());
        assertEquals(Charts.WIDTH, chart.getWidth());
        assertEquals(Charts.HEIGHT, chart.getHeight());
        assertEquals(0.0, chart.getStyler().getYAxisMin());
    }

    @Test
    void createdChartsCarryThePlatformLabel() throws Exception {
        XYChart chart = sample();
        var field = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("annotations");
        field.setAccessible(true);
        var annotations = (java.util.List<?>) field.get(chart);
        var text = AnnotationText.class.getDeclaredField("text");
        text.setAccessible(true);
        String label = Platform.current().label();
        assertTrue(annotations.stream().anyMatch(a -> {
            try {
                return a instanceof AnnotationText && label.equals(text.get(a));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }), "no annotation reads " + label);
        assertTrue(label.contains(Platform.current().cores() + " core"), label);
        assertTrue(label.contains("Java " + System.getProperty("java.version")), label);
    }

    @Test
    void imageHasTheChartsSizeAndIsNotBlank() {
        BufferedImage image = Charts.image(sample());
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        assertTrue(Arrays.stream(pixels).distinct().count() > 10, "the image is nearly uniform: nothing was drawn");
    }

    @Test
    void pngDecodesToTheSameImage() throws Exception {
        byte[] png = Charts.png(sample());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(Charts.WIDTH, decoded.getWidth());
        assertEquals(Charts.HEIGHT, decoded.getHeight());
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("chart must not be null", assertThrows(NullPointerException.class, () -> Charts.image(null)).getMessage());
        assertEquals("chart must not be null", assertThrows(NullPointerException.class, () -> Charts.png(null)).getMessage());
        assertEquals("title must not be null",
                assertThrows(NullPointerException.class, () -> Charts.createXY(null, "x", "y")).getMessage());
        assertEquals("yTitle must not be null",
                assertThrows(NullPointerException.class, () -> Charts.createXY("t", "x", null)).getMessage());
    }
}

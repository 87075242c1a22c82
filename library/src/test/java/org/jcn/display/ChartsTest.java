package org.jcn.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.jcn.internal.display.HouseChart;
import org.jcn.measure.KnownSweeps;
import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.Timeline;
import org.jcn.measure.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.opentest4j.AssertionFailedError;

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
    void createdChartsCarryThePlatformLabel() {
        String label = Platform.current().label();
        assertEquals(label, ((HouseChart) sample()).stamp());
        assertTrue(label.contains(Platform.current().cores() + " "), label);
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
    void pngIsDrawnAtTwiceTheChartsSize() throws Exception {
        byte[] png = Charts.png(sample());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(Charts.SCALE * Charts.WIDTH, decoded.getWidth());
        assertEquals(Charts.SCALE * Charts.HEIGHT, decoded.getHeight());
    }

    @Test
    void chartsSaveAsPngAndSvgByTheFilesExtension(@TempDir Path dir) throws Exception {
        XYChart chart = sample();
        Path png = Charts.save(chart, dir.resolve("squares.png"));
        assertEquals(Charts.SCALE * Charts.WIDTH, ImageIO.read(png.toFile()).getWidth());
        Path svg = Charts.save(chart, dir.resolve("squares.SVG"));
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
        assertTrue(text.contains("width=\"" + Charts.WIDTH), "the SVG has the chart's width");
        assertEquals("file must end in .png or .svg but was " + dir.resolve("squares.jpg"),
                assertThrows(IllegalArgumentException.class, () -> Charts.save(chart, dir.resolve("squares.jpg")))
                        .getMessage());
    }

    @Test
    void styleGivesAnyChartTheHouseLookAndPlainNumbers() {
        XYChart plain = new XYChartBuilder().width(400).height(300).title("plain").build();
        plain.addSeries("s", new double[] {1, 10, 100}, new double[] {1, 2, 3});
        plain.getStyler().setXAxisLogarithmic(true);
        Charts.style(plain);
        assertEquals(java.awt.Color.WHITE, plain.getStyler().getChartBackgroundColor());
        ChartImages.assertReadable(plain);
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("chart must not be null", assertThrows(NullPointerException.class, () -> Charts.image(null)).getMessage());
        assertEquals("chart must not be null", assertThrows(NullPointerException.class, () -> Charts.png(null)).getMessage());
        assertEquals("chart must not be null", assertThrows(NullPointerException.class, () -> Charts.style(null)).getMessage());
        assertEquals("title must not be null",
                assertThrows(NullPointerException.class, () -> Charts.createXY(null, "x", "y")).getMessage());
        assertEquals("yTitle must not be null",
                assertThrows(NullPointerException.class, () -> Charts.createXY("t", "x", null)).getMessage());
        assertEquals("scale must be between 1 and 4 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Charts.image(sample(), 0)).getMessage());
    }

    @Nested
    @DisplayName("every chart the lessons draw, read from its image: no legend over data, nothing cut, plain numbers")
    @Timeout(60)
    class Readable {

        @Test
        void elapsedTimeChart() {
            ChartImages.assertReadable(KnownSweeps.lessonTwo().toChart());
        }

        @Test
        void speedupChartWithTheIdealLineAndAmdahlsLaw() {
            XYChart chart = KnownSweeps.lessonTwo().toSpeedupChart(Mechanism.PLATFORM_THREADS);
            assertTrue(chart.getSeriesMap().containsKey("ideal"));
            assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("Amdahl's law")));
            ChartImages.assertReadable(chart);
        }

        @Test
        void liveChartWhileASweepIsHalfway() {
            ChartImages.assertReadable(KnownSweeps.lessonTwoSoFar(7).toChart());
        }

        @Test
        void timelineOfMarksWithALabelAtTheRightEdge() throws Exception {
            Timeline timeline = Timeline.start();
            Thread worker = Thread.ofPlatform().name("worker").start(() -> {
                for (int i = 0; i < 5; i++) {
                    timeline.mark("print " + i);
                }
            });
            timeline.mark("main continues");
            worker.join();
            timeline.mark("join returned, the last and a long label");
            ChartImages.assertReadable(timeline.toChart());
        }

        @Test
        void timelineOfSpansOnVirtualThreadsAndChildJvms() throws Exception {
            Timeline timeline = Timeline.start();
            timeline.run(Mechanism.VIRTUAL_THREADS, 4, Workloads.sleep(java.time.Duration.ofMillis(20), 8));
            timeline.run(Mechanism.CHILD_PROCESSES, 2, Workloads.cpuBoundTask(1_000_000));
            ChartImages.assertReadable(timeline.toChart());
        }

        @Test
        void downloadChartOfLessonThree() {
            double[] n = {1, 2, 4, 8, 16, 32};
            XYChart chart = Charts.createXY("n images of 500 KB, 100 ms server delay each", "images (n)",
                    "elapsed (ms)");
            chart.addSeries("one after another", n, new double[] {105, 210, 420, 840, 1680, 3360});
            chart.addSeries("one thread per image", n, new double[] {105, 106, 108, 112, 120, 140});
            chart.addSeries("pool of 4 threads", n, new double[] {105, 106, 108, 215, 430, 860});
            ChartImages.assertReadable(chart);
        }

        @Test
        void crossoverChartOnLogAxes() {
            double[] size = {1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
            XYChart chart = Charts.createXY("4 tasks that each add up n integers", "task size (n additions)",
                    "elapsed (ms)");
            chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setYAxisMin(0.001);
            chart.addSeries("one after another", size, new double[] {0.003, 0.03, 0.3, 3, 30, 300, 3000});
            chart.addSeries("thread pool (2 threads)", size, new double[] {0.05, 0.06, 0.2, 1.6, 15, 150, 1500});
            chart.addSeries("process pool (2 child JVMs, warm)", size,
                    new double[] {0.3, 0.3, 0.4, 2, 16, 152, 1510});
            ChartImages.assertReadable(chart);
        }

        @Test
        void aLegendMovedInsideThePlotByACellIsLeftWhereTheCellPutIt() {
            XYChart chart = sample();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            Charts.image(chart);
            assertEquals(Styler.LegendPosition.InsideNW, chart.getStyler().getLegendPosition());
        }
    }

    @Nested
    @DisplayName("the image checks fail on the faults they look for")
    class ChecksCanFail {

        @Test
        void aLegendOnTopOfTheDataIsFound() {
            XYChart chart = Charts.createXY("covered", "x", "y");
            chart.addSeries("a long legend entry over the first points", new double[] {1, 2, 3, 4},
                    new double[] {10, 9, 8, 7});
            chart.getStyler().setYAxisMin(null);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            assertFails(() -> ChartImages.assertLegendCoversNoData(chart));
        }

        @Test
        void textCutAtTheEdgeIsFound() {
            XYChart chart = sample();
            chart.addAnnotation(new AnnotationText("MMMMMMMMMMMMMMMM", Charts.WIDTH, 200, true));
            assertFails(() -> ChartImages.assertNothingAtTheEdges(chart));
        }

        @Test
        void aLogAxisWithoutAPlainNumberPatternIsFound() {
            XYChart chart = new XYChartBuilder().width(300).height(200).build();
            chart.addSeries("s", new double[] {1, 10}, new double[] {1, 10});
            chart.getStyler().setXAxisLogarithmic(true);
            assertFails(() -> ChartImages.assertLogAxesReadPlainNumbers(chart));
        }

        private void assertFails(Executable check) {
            assertThrows(AssertionFailedError.class, check);
        }
    }

    @Test
    void houseChartsKeepTheirSeriesInTheirOrder() {
        XYChart chart = KnownSweeps.lessonTwo().toChart();
        assertEquals(List.of("platform threads", "virtual threads", "parallel stream", "child JVMs"),
                List.copyOf(chart.getSeriesMap().keySet()));
    }
}

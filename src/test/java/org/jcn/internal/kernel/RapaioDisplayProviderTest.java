package org.jcn.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.ServiceLoader;

import javax.imageio.ImageIO;

import org.jcn.display.Charts;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RapaioDisplayProviderTest {

    private static DisplayRenderer rendererFor(Class<?> type) {
        return new RapaioDisplayProvider().getDisplayRenderers().stream()
                .filter(r -> r.rendererClass().isAssignableFrom(type)).findFirst().orElseThrow();
    }

    @Test
    void theKernelsServiceLoaderFindsTheProvider() {
        assertTrue(ServiceLoader.load(DisplayProvider.class).stream()
                .anyMatch(p -> p.type() == RapaioDisplayProvider.class));
    }

    @Test
    void chartsRenderAsPngWithTheirTitleAsText() throws Exception {
        XYChart chart = Charts.createXY("speed", "workers", "ms");
        chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
        DisplayRenderer renderer = rendererFor(XYChart.class);
        assertTrue(renderer.canRender(null), "a cell value (no mime asked) must render");
        assertTrue(renderer.canRender("image/png"));
        assertFalse(renderer.canRender("text/html"));
        DisplayData data = renderer.render(null, chart);
        byte[] png = Base64.getDecoder().decode((String) data.data().get("image/png"));
        assertEquals(Charts.WIDTH, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
        assertEquals("speed", data.data().get("text/plain"));
    }

    @Test
    void tablesRenderAsHtmlAndPlainText() {
        Table table = Table.create("t", IntColumn.create("workers", 1, 2));
        DisplayRenderer renderer = rendererFor(Table.class);
        assertTrue(renderer.canRender(null));
        assertTrue(renderer.canRender("text/html"));
        assertFalse(renderer.canRender("image/png"));
        DisplayData data = renderer.render(null, table);
        assertTrue(((String) data.data().get("text/html")).startsWith("<table"));
        assertTrue(((String) data.data().get("text/plain")).contains("workers"));
    }
}

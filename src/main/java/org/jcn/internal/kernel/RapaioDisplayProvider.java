package org.jcn.internal.kernel;

import java.util.Base64;
import java.util.List;

import org.jcn.display.Charts;
import org.jcn.display.Tables;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import tech.tablesaw.api.Table;

/**
 * Registers the library's display forms with rapaio-jupyter-kernel through its service-provider interface:
 * XChart charts become {@code image/png}, Tablesaw tables become {@code text/html} plus {@code text/plain}.
 *
 * <p>Found by {@link java.util.ServiceLoader} when the library is on the kernel JVM's class path (which is how
 * {@code kernel/install} launches it). Other kernels never load this class.
 */
public final class RapaioDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new ChartRenderer(), new TableRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** A null mime means "the default for this value": the kernel asks that for a cell's last expression. */
    static boolean accepts(String mime, String... names) {
        if (mime == null || mime.isBlank()) {
            return true;
        }
        for (String name : names) {
            if (name.equalsIgnoreCase(mime)) {
                return true;
            }
        }
        return false;
    }

    static final class ChartRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Chart.class;
        }

        @Override
        public boolean canRender(String mime) {
            return accepts(mime, "png", "image/png");
        }

        @Override
        public DisplayData render(String mime, Object o) {
            Chart<?, ?> chart = (Chart<?, ?>) o;
            DisplayData data = DisplayData.withType("image/png", Base64.getEncoder().encodeToString(Charts.png(chart)));
            String title = chart.getTitle();
            data.putText(title == null || title.isBlank() ? "chart" : title);
            return data;
        }
    }

    static final class TableRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Table.class;
        }

        @Override
        public boolean canRender(String mime) {
            return accepts(mime, "html", "text/html", "text", "text/plain");
        }

        @Override
        public DisplayData render(String mime, Object o) {
            Table table = (Table) o;
            DisplayData data = DisplayData.fromHtml(Tables.html(table));
            data.putText(Tables.text(table));
            return data;
        }
    }
}

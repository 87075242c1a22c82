package org.jcn.kernel;

import java.util.Base64;
import java.util.Map;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jcn.display.Charts;
import org.jcn.display.Tables;
import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;

/**
 * The library's display forms, registered with the protocol library's renderer: XChart charts as
 * {@code image/png} (drawn at twice their size, with their own size as metadata), Tablesaw tables as {@code text/html} plus {@code text/plain}. Images ({@code BufferedImage})
 * are the renderer's own. IJava and JJava users get the same forms from the start-up scripts in {@code kernel/}.
 */
final class Renderers {

    private Renderers() {
    }

    static Renderer create() {
        Renderer renderer = new Renderer();
        org.dflib.jjava.jupyter.kernel.display.common.Image.registerAll(renderer);
        org.dflib.jjava.jupyter.kernel.display.common.Text.registerAll(renderer);
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG)
                .register((chart, context) -> {
                    // Drawn at 2x for high-DPI screens; the metadata has the front end show it at 1x.
                    context.renderIfRequested(MIMEType.IMAGE_PNG, (type, out) -> out.putData(type,
                            Base64.getEncoder().encodeToString(Charts.png(chart)),
                            Map.of("width", chart.getWidth(), "height", chart.getHeight())));
                    String title = chart.getTitle();
                    context.renderIfRequested(MIMEType.TEXT_PLAIN,
                            () -> title == null || title.isBlank() ? "chart" : "chart: " + title);
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Tables.text(table));
                });
        return renderer;
    }
}

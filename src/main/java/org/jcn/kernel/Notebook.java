package org.jcn.kernel;

import java.util.Objects;
import java.util.UUID;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * The display functions every cell of the project's kernel has, statically imported, with the signatures of
 * IJava and JJava so that notebooks run unchanged on those kernels.
 *
 * <p>Output goes to the cell that the calling thread works for (the cell that started it), also from threads
 * that keep running after the cell's own code has returned.
 *
 * {@snippet :
 * String id = display(chart);          // image/png and text/plain
 * updateDisplay(id, otherChart);       // replaces it in place
 * display("<b>bold</b>", "text/html"); // a string as HTML
 * }
 */
public final class Notebook {

    // Static because cells reach it only through Notebook's static functions; set once, by Kernel.publish().
    private static volatile Kernel kernel;

    private Notebook() {
    }

    static void install(Kernel running) {
        kernel = running;
    }

    /**
     * Renders {@code value} in every form the kernel knows for its type ({@code text/plain} always); what
     * {@code render} returned passes unchanged, so {@code display(render(x, "text/html"))} shows the HTML.
     *
     * @param value anything
     * @return the rendered forms
     */
    public static DisplayData render(Object value) {
        return kernel().render(value);
    }

    /**
     * Renders {@code value} in the given forms, such as {@code "text/html"} or {@code "image/png"}.
     *
     * @param value     anything
     * @param mimeTypes the forms wanted ({@code text/plain} is always added)
     * @return the rendered forms
     */
    public static DisplayData render(Object value, String... mimeTypes) {
        return value instanceof DisplayData data ? data : kernel().renderer().renderAs(value, mimeTypes);
    }

    /**
     * Shows {@code value} in the cell now, as {@link #render(Object)} renders it.
     *
     * @param value anything
     * @return the display's id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value) {
        return show(render(value));
    }

    /**
     * Shows {@code value} in the cell now in the given forms.
     *
     * @param value     anything
     * @param mimeTypes the forms wanted
     * @return the display's id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value, String... mimeTypes) {
        return show(render(value, mimeTypes));
    }

    /**
     * Replaces a display made by {@code display} with {@code value}.
     *
     * @param id    the id {@code display} returned
     * @param value the new content
     * @throws NullPointerException if {@code id} is null
     */
    public static void updateDisplay(String id, Object value) {
        update(id, render(value));
    }

    /**
     * Replaces a display made by {@code display} with {@code value} in the given forms.
     *
     * @param id        the id {@code display} returned
     * @param value     the new content
     * @param mimeTypes the forms wanted
     * @throws NullPointerException if {@code id} is null
     */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        update(id, render(value, mimeTypes));
    }

    /**
     * Shows an HTML fragment as a display, with its text (tags removed, entities decoded) as the plain-text form, so
     * that a front end or a saved notebook that reads text/plain shows words, not markup.
     */
    static String displayHtml(String html) {
        return show(htmlData(html));
    }

    /** Replaces a display with an HTML fragment, as {@link #displayHtml} shows one. */
    static void updateHtml(String id, String html) {
        update(id, htmlData(html));
    }

    private static DisplayData htmlData(String html) {
        DisplayData data = new DisplayData();
        data.putData("text/html", html);
        data.putText(html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&").strip());
        return data;
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /**
     * Clears the cell's output.
     *
     * @param wait true to clear only when the next output arrives (no flicker when redrawing)
     */
    public static void clearOutput(boolean wait) {
        kernel().publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    private static String show(DisplayData data) {
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        kernel().publish(new PublishDisplayData(data));
        return id;
    }

    private static void update(String id, DisplayData data) {
        Objects.requireNonNull(id, "id must not be null");
        data.setDisplayId(id);
        kernel().publish(new PublishUpdateDisplayData(data));
    }

    private static Kernel kernel() {
        Kernel k = kernel;
        if (k == null) {
            throw new IllegalStateException("display functions work only inside the java-concurrency kernel");
        }
        return k;
    }
}

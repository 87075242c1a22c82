package org.jcn.display;

import java.util.Objects;

import org.jcn.internal.Kernels;

/**
 * The display functions every cell of the project's kernel has, statically imported, with the names and parameters
 * of IJava's and JJava's, so that notebooks run unchanged on those kernels.
 *
 * <p>Output goes to the cell that the calling thread works for (the cell that started it), also from threads that
 * keep running after the cell's own code has returned. Outside the project's kernel these functions throw, saying
 * so (other kernels have display functions of their own).
 *
 * {@snippet :
 * String id = display(chart);          // image/png and text/plain
 * updateDisplay(id, otherChart);       // replaces it in place
 * display("<b>bold</b>", "text/html"); // a string as HTML
 * }
 */
public final class Display {

    private Display() {
    }

    /**
     * Renders {@code value} in every form the kernel knows for its type ({@code text/plain} always); what
     * {@code render} returned passes unchanged, so {@code display(render(x, "text/html"))} shows the HTML.
     *
     * @param value anything
     * @return the rendered forms
     */
    public static Rendered render(Object value) {
        return render(value, new String[0]);
    }

    /**
     * Renders {@code value} in the given forms, such as {@code "text/html"} or {@code "image/png"}.
     *
     * @param value     anything
     * @param mimeTypes the forms wanted ({@code text/plain} is always added)
     * @return the rendered forms
     */
    public static Rendered render(Object value, String... mimeTypes) {
        if (value instanceof Rendered rendered) {
            return rendered;
        }
        Kernels.Forms forms = kernel().render(value, mimeTypes);
        return new Rendered(forms.data(), forms.metadata());
    }

    /**
     * Shows {@code value} in the cell now, as {@link #render(Object)} renders it.
     *
     * @param value anything; a chart shows as an image
     * @return the display's id, for {@link #updateDisplay}
     */
    public static String display(Object value) {
        return display(value, new String[0]);
    }

    /**
     * Shows {@code value} in the cell now, in the given forms.
     *
     * @param value     anything
     * @param mimeTypes the forms, such as {@code "text/html"}
     * @return the display's id, for {@link #updateDisplay}
     */
    public static String display(Object value, String... mimeTypes) {
        return kernel().display(forKernel(value), mimeTypes);
    }

    /**
     * Replaces what the display {@code id} shows with {@code value}.
     *
     * @param id    what {@link #display} returned
     * @param value the new content
     */
    public static void updateDisplay(String id, Object value) {
        updateDisplay(id, value, new String[0]);
    }

    /**
     * Replaces what the display {@code id} shows with {@code value}, in the given forms.
     *
     * @param id        what {@link #display} returned
     * @param value     the new content
     * @param mimeTypes the forms, such as {@code "text/html"}
     */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        Objects.requireNonNull(id, "id must not be null");
        kernel().update(id, forKernel(value), mimeTypes);
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /**
     * Clears the cell's output.
     *
     * @param wait true: only when the next output arrives (no flicker in a loop that redraws)
     */
    public static void clearOutput(boolean wait) {
        kernel().clearOutput(wait);
    }

    private static Object forKernel(Object value) {
        return value instanceof Rendered r ? new Kernels.Forms(r.data(), r.metadata()) : value;
    }

    private static Kernels.Host kernel() {
        Kernels.Host host = Kernels.running();
        if (host == null) {
            throw new IllegalStateException("display functions work only inside the java-concurrency kernel");
        }
        return host;
    }
}

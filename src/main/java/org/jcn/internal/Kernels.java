package org.jcn.internal;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the library knows about the Jupyter kernel it may be running in.
 *
 * <p>The project's kernel ({@code org.jcn.kernel}) {@linkplain #install installs} a {@link Host} when it starts;
 * anywhere else (a plain JVM, a test, IJava or JJava) there is none, and the library falls back to printing.
 * The library never reaches into a kernel's classes itself.
 */
public final class Kernels {

    /** The services a kernel offers the library. Implementations are thread safe. */
    public interface Host {
        /** The kernel's name and version, such as {@code java-concurrency 0.1.0}. */
        String name();

        /** Shows an HTML fragment in the calling thread's cell; returns its display id. */
        String displayHtml(String html);

        /** Replaces the content of a display made by {@link #displayHtml}. */
        void updateHtml(String id, String html);

        /**
         * Shows a value (a chart as {@code image/png}) in the calling thread's cell; returns its display id, or
         * null when this kernel cannot update displays in place.
         */
        default String display(Object value) {
            return null;
        }

        /** Replaces the content of a display made by {@link #display} or {@link #displayHtml} with a value. */
        default void update(String id, Object value) {
        }
    }

    private static volatile Host host;

    private Kernels() {
    }

    /**
     * Installs the kernel's services. Called once by the kernel at start-up.
     *
     * @param kernel the kernel's services
     * @throws NullPointerException if {@code kernel} is null
     */
    public static void install(Host kernel) {
        host = Objects.requireNonNull(kernel, "kernel must not be null");
    }

    /**
     * The name of the project's kernel when this JVM is that kernel.
     *
     * @return the kernel's name and version, or null in any other JVM
     */
    public static String projectKernel() {
        Host h = host;
        return h == null ? null : h.name();
    }

    /**
     * Shows an HTML fragment in the current cell as a display that {@link #updateHtml} can replace.
     *
     * @param html the fragment
     * @return the display's id, or null when the kernel offers no updatable displays (then nothing was shown)
     */
    public static String displayHtml(String html) {
        return show(h -> h.displayHtml(html));
    }

    /**
     * Shows a value in the current cell, rendered as the kernel renders a cell's value (a chart as
     * {@code image/png}), as a display that {@link #update} can replace.
     *
     * @param value the value
     * @return the display's id, or null when the kernel offers no updatable displays (then nothing was shown)
     */
    public static String display(Object value) {
        return show(h -> h.display(value));
    }

    /**
     * Replaces the content of a display made by {@link #display} or {@link #displayHtml} with a value.
     *
     * @param id    the display's id (null: nothing happens)
     * @param value the new content
     */
    public static void update(String id, Object value) {
        replace(id, h -> h.update(id, value));
    }

    /**
     * Replaces the content of a display made by {@link #displayHtml}.
     *
     * @param id   the display's id (null: nothing happens)
     * @param html the new fragment
     */
    public static void updateHtml(String id, String html) {
        replace(id, h -> h.updateHtml(id, html));
    }

    private static String show(Function<Host, String> request) {
        Host h = host;
        if (h == null) {
            return null;
        }
        try {
            return request.apply(h);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void replace(String id, Consumer<Host> request) {
        Host h = host;
        if (id == null || h == null) {
            return;
        }
        try {
            request.accept(h);
        } catch (RuntimeException e) {
            // a progress display that could not be updated is not worth failing a measurement for
        }
    }
}

package org.jcn.internal;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the library knows about the Jupyter kernel it may be running in.
 *
 * <p>The library finds the kernel itself, once, at first use: the project's kernel (module {@code kernel},
 * package {@code org.jcn.kernel}) declares a {@link Provider} in {@code META-INF/services} of its own jar, which
 * {@link ServiceLoader} finds on the class path of the library's own class loader. Only the kernel JVM has that
 * jar: child JVMs, test JVMs and other kernels (IJava, JJava) have the library alone, find no provider and fall back
 * to printing. In the kernel JVM the provider names a {@link Host} once the kernel is built. Nothing here is set
 * from outside: the kernel owns its running state, and the library never reaches into a kernel's classes itself
 * (it cannot: the kernel is not on the library's class path).
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
         * Shows a value (a chart as {@code image/png}) in the calling thread's cell, in the given forms ({@code
         * text/plain} always added; none given: every form its type has), or the forms {@link #render} made when
         * {@code value} is a {@link Forms}; returns its display id, or null when this kernel cannot update displays
         * in place.
         */
        default String display(Object value, String... mimeTypes) {
            return null;
        }

        /**
         * Replaces the content of a display made by {@link #display} or {@link #displayHtml} with a value, as
         * {@link #display} renders it.
         */
        default void update(String id, Object value, String... mimeTypes) {
        }

        /**
         * The forms {@link #display} would show {@code value} in, or null when this kernel does not render.
         */
        default Forms render(Object value, String... mimeTypes) {
            return null;
        }

        /** Clears the calling thread's cell output now, or ({@code wait}) just before its next output. */
        default void clearOutput(boolean wait) {
        }

        /**
         * Says in the cell why the kernel ends, just before a cell's code halts the JVM (a halt runs no shutdown
         * hook that could say it later).
         */
        default void beforeHalt(int status) {
        }

        /**
         * The cell the calling thread works for, as an object the library only compares and keeps as a map key,
         * or null for none. Called whenever the library starts work: it must be cheap and must not throw.
         */
        default Object cellOfCallingThread() {
            return null;
        }
    }

    /**
     * A value rendered by a kernel: its forms by MIME type ({@code text/plain}, {@code image/png} as base64, ...)
     * and their metadata (an image's size), as a Jupyter display message carries them. Unmodifiable.
     */
    public record Forms(Map<String, Object> data, Map<String, Object> metadata) {
        public Forms {
            data = Map.copyOf(data);
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * A kernel's entry in {@code META-INF/services/org.jcn.internal.Kernels$Provider}: a public class with a public
     * no-argument constructor. Thread safe.
     */
    public interface Provider {
        /** The kernel running in this JVM, or null when none is (yet) running. */
        Host running();
    }

    /** Looked up at first use of this class; null when no provider is on the class path. */
    private static final Provider PROVIDER = find();

    private Kernels() {
    }

    private static Provider find() {
        try {
            return ServiceLoader.load(Provider.class, Kernels.class.getClassLoader()).findFirst().orElse(null);
        } catch (ServiceConfigurationError | LinkageError e) {
            return null; // a broken provider entry: behave as in a JVM without the kernel
        }
    }

    /**
     * The project's kernel when this JVM is that kernel.
     *
     * @return the kernel's services, or null in any other JVM (and while the kernel is still being built)
     */
    public static Host running() {
        return host();
    }

    private static Host host() {
        return PROVIDER == null ? null : PROVIDER.running();
    }

    /**
     * The name of the project's kernel when this JVM is that kernel.
     *
     * @return the kernel's name and version, or null in any other JVM
     */
    public static String projectKernel() {
        Host h = host();
        return h == null ? null : h.name();
    }

    /**
     * The cell the calling thread works for, when this JVM is the project's kernel.
     *
     * @return the cell, or null outside the project's kernel and before its first cell
     */
    public static Object cellOfCallingThread() {
        Host h = host();
        return h == null ? null : h.cellOfCallingThread();
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
        Host h = host();
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
        Host h = host();
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

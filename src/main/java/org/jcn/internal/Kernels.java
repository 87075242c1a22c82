package org.jcn.internal;

import java.lang.reflect.Method;

/**
 * What the library knows about the Jupyter kernel it may be running in.
 *
 * <p>rapaio-jupyter-kernel is recognised by the JVM's main class. Its classes are touched only through
 * reflection and only inside that kernel: loading its {@code MainApp} anywhere else would build a whole kernel.
 */
public final class Kernels {

    private static final String RAPAIO_MAIN = "org.rapaio.jupyter.kernel.MainApp";
    /** The launcher kernel/install puts in the kernelspec (see {@code internal.kernel.KernelMain}). */
    private static final String LAUNCHER = "org.jcn.internal.kernel.KernelMain";

    private Kernels() {
    }

    /**
     * Whether this JVM is rapaio-jupyter-kernel.
     *
     * @return true inside that kernel
     */
    public static boolean isRapaio() {
        String command = System.getProperty("sun.java.command", "");
        return command.startsWith(RAPAIO_MAIN) || command.startsWith(LAUNCHER);
    }

    /**
     * Shows an HTML fragment in the current cell as a display that {@link #updateHtml} can replace.
     *
     * @param html the fragment
     * @return the display's id, or null when the kernel offers no updatable displays (then nothing was shown)
     */
    public static String displayHtml(String html) {
        if (!isRapaio()) {
            return null;
        }
        try {
            Method display = global().getMethod("display", String.class, Object.class);
            return (String) display.invoke(null, "text/html", html);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Replaces the content of a display made by {@link #displayHtml}.
     *
     * @param id   the display's id
     * @param html the new fragment
     */
    public static void updateHtml(String id, String html) {
        if (id == null) {
            return;
        }
        try {
            Method update = global().getMethod("updateDisplay", String.class, String.class, Object.class);
            update.invoke(null, id, "text/html", html);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a progress line that could not be updated is not worth failing a measurement for
        }
    }

    private static Class<?> global() throws ClassNotFoundException {
        return Class.forName("org.rapaio.jupyter.kernel.global.Global", true, ClassLoader.getSystemClassLoader());
    }
}

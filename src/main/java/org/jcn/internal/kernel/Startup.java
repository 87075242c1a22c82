package org.jcn.internal.kernel;

/**
 * Nothing but a name for the first line of the kernel's start-up script ({@code kernel/init.jshell}).
 *
 * <p>rapaio-jupyter-kernel 3.0.1 hands the whole start-up script to JShell as one snippet, which JShell keys by its
 * first import. A cell that imports the same thing again replaces that snippet, and every other import of the
 * script disappears with it. Starting the script with {@code import static ...Startup.*;}, which no lesson
 * writes, keeps that from happening.
 */
public final class Startup {

    private Startup() {
    }
}

package org.jcn.measure;

import java.time.Instant;
import java.util.Locale;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The machine and JVM a measurement ran on: Java version and vendor, core count, operating system, heap limit.
 *
 * <p>Every figure in the notebooks carries this, so a screenshot of a chart always says which machine drew it.
 * Instances are immutable. {@link #current()} reads the running JVM each time it is called.
 *
 * {@snippet :
 * Platform here = Platform.current();
 * here.cores();      // 2
 * here.caption();    // "2 cores · Java 25.0.1 (Eclipse Adoptium) · Linux amd64"
 * }
 *
 * @param javaVersion   the running JVM's {@code java.version}
 * @param javaVendor    the running JVM's {@code java.vendor}
 * @param cores         processors available to the JVM
 * @param os            operating system name and architecture
 * @param maxHeapBytes  the heap limit ({@link Runtime#maxMemory()})
 * @param kernel        the Jupyter kernel this JVM runs, or {@code "none"} outside a kernel
 * @param takenAt       when this description was taken
 */
public record Platform(String javaVersion, String javaVendor, int cores, String os, long maxHeapBytes,
                       String kernel, Instant takenAt) {

    /**
     * Describes the running JVM.
     *
     * @return a new description, taken now
     */
    public static Platform current() {
        return new Platform(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory(),
                kernelName(),
                Instant.now());
    }

    /**
     * A one-line caption for charts and tables, such as {@code 2 cores · Java 25.0.1 (Eclipse Adoptium) · Linux amd64}.
     *
     * @return the caption
     */
    public String caption() {
        return String.format(Locale.ROOT, "%d %s · Java %s (%s) · %s",
                cores, cores == 1 ? "core" : "cores", javaVersion, javaVendor, os);
    }

    /**
     * A short label for the corner of a chart: core count, Java feature version and operating system, such as
     * {@code 2 cores · Java 25.0.1 · Linux amd64}.
     *
     * @return the label
     */
    public String label() {
        return String.format(Locale.ROOT, "%d %s · Java %s · %s", cores, cores == 1 ? "core" : "cores", javaVersion, os);
    }

    /**
     * This description as a two-column table (property, value).
     *
     * @return a new table named "platform"
     */
    public Table toTable() {
        return Table.create("platform",
                StringColumn.create("property", "Java version", "Java vendor", "cores", "operating system",
                        "max heap", "kernel", "taken at"),
                StringColumn.create("value", javaVersion, javaVendor, Integer.toString(cores), os,
                        (maxHeapBytes >> 20) + " MiB", kernel, takenAt.toString()));
    }

    /** The project's kernel says so itself; IJava and JJava are recognised by their main class. */
    static String kernelName() {
        String own = org.jcn.internal.Kernels.projectKernel();
        if (own != null) {
            return own;
        }
        String command = System.getProperty("sun.java.command", "");
        if (command.contains("ijava") || command.contains("IJava")) {
            return "IJava";
        }
        if (command.contains("jjava") || command.contains("JJava")) {
            return "JJava";
        }
        return "none";
    }
}

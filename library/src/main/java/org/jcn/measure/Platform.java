package org.jcn.measure;

import java.time.Instant;
import java.util.Locale;


import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import org.jcn.internal.machine.CpuLimits;
import org.jcn.internal.machine.Machine;

/**
 * The machine and JVM a measurement ran on: Java version and vendor, core count, operating system, heap limit.
 *
 * <p>Every figure in the notebooks carries this, so a screenshot of a chart always says which machine drew it.
 * The core count is the JVM's ({@link Runtime#availableProcessors()}). In a container (JupyterHub, Binder, Docker)
 * that is the container's CPU quota or CPU set, not the machine: on Linux the host's CPU count and the quota are
 * read from {@code /proc} and the cgroup files (v1 and v2), and the label says which one bounded the run when they
 * differ. Instances are immutable. {@link #current()} reads the running JVM each time it is called.
 *
 * {@snippet :
 * Platform here = Platform.current();
 * here.cores();      // 2
 * here.caption();    // "2 cores · Java 25.0.1 (Eclipse Adoptium) · Linux amd64"
 * // in a container limited to 2 CPUs on an 8-CPU host:
 * here.label();      // "2 of 8 cores (CPU quota) · Java 25.0.1 · Linux amd64"
 * }
 *
 * @param javaVersion   the running JVM's {@code java.version}
 * @param javaVendor    the running JVM's {@code java.vendor}
 * @param cores         processors available to the JVM
 * @param os            operating system name and architecture
 * @param maxHeapBytes  the heap limit ({@link Runtime#maxMemory()})
 * @param kernel        the Jupyter kernel this JVM runs, or {@code "none"} outside a kernel
 * @param takenAt       when this description was taken
 * @param hostCpus      the CPUs the machine has (equal to {@code cores} when nothing sets the JVM's count apart)
 * @param cpuQuota      the container's CPU quota in CPUs, such as 1.5; NaN when there is none
 * @param coresLimitedBy what sets {@code cores} apart from {@code hostCpus}: {@code "CPU quota"}, {@code "CPU set"}
 *                      or {@code "JVM setting"} ({@code -XX:ActiveProcessorCount}, also when it claims more cores
 *                      than the host has); empty when nothing does
 */
public record Platform(String javaVersion, String javaVendor, int cores, String os, long maxHeapBytes,
                       String kernel, Instant takenAt, int hostCpus, double cpuQuota, String coresLimitedBy) {

    /**
     * Describes a machine whose JVM sees all of its cores.
     *
     * @param javaVersion  the JVM's {@code java.version}
     * @param javaVendor   the JVM's {@code java.vendor}
     * @param cores        processors available to the JVM, and on the machine
     * @param os           operating system name and architecture
     * @param maxHeapBytes the heap limit
     * @param kernel       the Jupyter kernel, or {@code "none"}
     * @param takenAt      when this description was taken
     */
    public Platform(String javaVersion, String javaVendor, int cores, String os, long maxHeapBytes, String kernel,
                    Instant takenAt) {
        this(javaVersion, javaVendor, cores, os, maxHeapBytes, kernel, takenAt, cores, Double.NaN, "");
    }

    /**
     * Describes the running JVM.
     *
     * @return a new description, taken now
     */
    public static Platform current() {
        int cores = Runtime.getRuntime().availableProcessors();
        CpuLimits limits = CpuLimits.current();
        return new Platform(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                cores,
                Machine.os(),
                Runtime.getRuntime().maxMemory(),
                kernelName(),
                Instant.now(),
                limits.hostCpus(),
                limits.quota(),
                limits.limitedBy(cores));
    }

    /**
     * The CPUs this JVM can keep busy at once: its core count, or the CPU quota when that is smaller (a quota of 1.5
     * lets two threads run only three quarters of the time).
     *
     * @return the cores, such as 2.0 or 1.5
     */
    public double effectiveCores() {
        return Double.isNaN(cpuQuota) ? cores : Math.min(cores, cpuQuota);
    }

    /**
     * A one-line caption for charts and tables, such as {@code 2 cores · Java 25.0.1 (Eclipse Adoptium) · Linux amd64}.
     *
     * @return the caption
     */
    public String caption() {
        return String.format(Locale.ROOT, "%s · Java %s (%s) · %s", coresText(), javaVersion, javaVendor, os);
    }

    /**
     * A short label for the corner of a chart: core count, Java feature version and operating system, such as
     * {@code 2 cores · Java 25.0.1 · Linux amd64}.
     *
     * @return the label
     */
    public String label() {
        return Machine.label(cores, hostCpus, cpuQuota, coresLimitedBy, javaVersion, os);
    }

    private String coresText() {
        return Machine.coresText(cores, hostCpus, cpuQuota, coresLimitedBy);
    }

    /**
     * This description as a two-column table (property, value).
     *
     * @return a new table named "platform"
     */
    public Table toTable() {
        return Table.create("platform",
                StringColumn.create("property", "Java version", "Java vendor", "cores", "host CPUs", "CPU quota",
                        "cores limited by", "operating system", "max heap", "kernel", "taken at"),
                StringColumn.create("value", javaVersion, javaVendor, Integer.toString(cores),
                        Integer.toString(hostCpus), Double.isNaN(cpuQuota) ? "none"
                                : String.format(Locale.ROOT, "%.2f CPUs", cpuQuota),
                        coresLimitedBy.isEmpty() ? "nothing" : coresLimitedBy, os, (maxHeapBytes >> 20) + " MiB",
                        kernel, takenAt.toString()));
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

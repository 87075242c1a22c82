package org.jcn.internal.machine;

import java.util.Locale;

/**
 * The words for a machine that go on every chart and table: its cores (and what limits them), Java version and
 * operating system. {@code org.jcn.measure.Platform} describes a machine in full and delegates its label here, so
 * that the packages that only need this machine's label (charts, Python tables) need not depend on the measuring
 * package.
 */
public final class Machine {

    private Machine() {
    }

    /**
     * The label of the running JVM's machine, read now, as {@code Platform.current().label()} gives it.
     *
     * @return such as {@code 2 cores · Java 25.0.1 · Linux amd64}
     */
    public static String currentLabel() {
        int cores = Runtime.getRuntime().availableProcessors();
        CpuLimits limits = CpuLimits.current();
        return label(cores, limits.hostCpus(), limits.quota(), limits.limitedBy(cores),
                System.getProperty("java.version"), os());
    }

    /** The operating system's name and architecture, such as {@code Linux amd64}. */
    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /**
     * A short label for the corner of a chart: cores, Java version and operating system.
     *
     * @param cores       processors available to the JVM
     * @param hostCpus    the CPUs the host has
     * @param cpuQuota    the CPU quota in CPUs, or NaN for none
     * @param limitedBy   what holds the cores below the host's, or empty
     * @param javaVersion the JVM's {@code java.version}
     * @param os          operating system name and architecture
     * @return such as {@code 2 cores · Java 25.0.1 · Linux amd64}
     */
    public static String label(int cores, int hostCpus, double cpuQuota, String limitedBy, String javaVersion,
                               String os) {
        return String.format(Locale.ROOT, "%s · Java %s · %s", coresText(cores, hostCpus, cpuQuota, limitedBy),
                javaVersion, os);
    }

    /**
     * {@code 2 cores}; {@code 2 of 8 cores (CPU quota 1.5)} when something holds the JVM below the host;
     * {@code 8 cores (JVM setting; the host has 2)} when the JVM is told of more than there are.
     *
     * @param cores     processors available to the JVM
     * @param hostCpus  the CPUs the host has
     * @param cpuQuota  the CPU quota in CPUs, or NaN for none
     * @param limitedBy what holds the cores below the host's, or empty
     * @return the words
     */
    public static String coresText(int cores, int hostCpus, double cpuQuota, String limitedBy) {
        String noun = cores == 1 && hostCpus <= 1 ? "core" : "cores";
        if (limitedBy.isEmpty() || hostCpus == cores) {
            return cores + " " + noun;
        }
        if (cores > hostCpus) {
            return String.format(Locale.ROOT, "%d %s (%s; the host has %d)", cores, cores == 1 ? "core" : "cores",
                    limitedBy, hostCpus);
        }
        String quota = limitedBy.equals("CPU quota") && cpuQuota != Math.rint(cpuQuota)
                ? String.format(Locale.ROOT, " %.2f", cpuQuota).replaceAll("0+$", "") : "";
        return String.format(Locale.ROOT, "%d of %d %s (%s%s)", cores, hostCpus, noun, limitedBy, quota);
    }
}

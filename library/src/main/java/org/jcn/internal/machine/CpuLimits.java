package org.jcn.internal.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How many CPUs the machine has, and what limits this process to fewer: a container's CPU quota (Linux cgroups v1
 * and v2) or a CPU set (affinity). On JupyterHub, Binder and Docker, {@code availableProcessors()} is the quota, not
 * the machine; a chart should say which.
 *
 * <p>Read from {@code /proc} and {@code /sys}; anywhere else (macOS, Windows, a file that cannot be read) the host
 * count is what the JDK reports and there are no limits.
 *
 * @param hostCpus the CPUs the machine has online
 * @param quota    the CPU quota in CPUs (such as 1.5), or NaN when there is none
 * @param cpuSet   the CPUs this process may run on, or 0 when unknown
 */
public record CpuLimits(int hostCpus, double quota, int cpuSet) {

    /** The limits of this process, read now. */
    public static CpuLimits current() {
        return read(Path.of("/"), Runtime.getRuntime().availableProcessors());
    }

    /** The limits as read below {@code root} (a fake file tree in tests); {@code jdk} when nothing is readable. */
    static CpuLimits read(Path root, int jdk) {
        int host = cpuCount(text(root.resolve("sys/devices/system/cpu/online")));
        int set = cpuCount(line(root.resolve("proc/self/status"), "Cpus_allowed_list:"));
        return new CpuLimits(host > 0 ? host : jdk, quota(root), set);
    }

    /**
     * What sets {@code cores} (the JDK's count) apart from the host's, in words for a chart's stamp.
     *
     * @param cores the processors the JVM uses
     * @return "CPU quota", "CPU set" or "JVM setting" ({@code -XX:ActiveProcessorCount}, which may also claim more
     *         than the host has); empty when the JVM sees the whole machine
     */
    public String limitedBy(int cores) {
        if (cores == hostCpus) {
            return "";
        }
        if (cores > hostCpus) {
            return "JVM setting";
        }
        if (!Double.isNaN(quota) && Math.ceil(quota - 1e-9) == cores) {
            return "CPU quota";
        }
        if (cpuSet == cores) {
            return "CPU set";
        }
        return "JVM setting";
    }

    /** The smallest quota of the process's cgroup and its ancestors, v2 first, then v1; NaN when none. */
    private static double quota(Path root) {
        double best = Double.NaN;
        for (CpuFolder f : cpuFolders(root)) {
            best = min(best, f.v2() ? v2Quota(text(f.path().resolve("cpu.max")))
                    : ratio(text(f.path().resolve("cpu.cfs_quota_us")), text(f.path().resolve("cpu.cfs_period_us"))));
        }
        return best;
    }

    /**
     * The {@code cpu.stat} files of the process's cgroup and its ancestors that exist, where the kernel counts the
     * time a CPU quota held the group back ({@code throttled_usec} on v2, {@code throttled_time} in nanoseconds on
     * v1). Empty outside Linux or when no cpu controller is mounted.
     *
     * @return the files, most specific first
     */
    public static List<Path> cpuStatFiles() {
        return cpuFolders(Path.of("/")).stream().map(f -> f.path().resolve("cpu.stat")).filter(Files::isReadable)
                .distinct().toList();
    }

    /**
     * The time a CPU quota has held this process's cgroup back, summed as the kernel reports it in one
     * {@code cpu.stat} file; 0 when the file cannot be read or has no throttling line.
     *
     * @param cpuStat a file from {@link #cpuStatFiles()}
     * @return nanoseconds of throttling since the cgroup was made
     */
    public static long throttledNanos(Path cpuStat) {
        for (String l : lines(cpuStat)) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2 && (f[0].equals("throttled_usec") || f[0].equals("throttled_time"))) {
                try {
                    long v = Long.parseLong(f[1]);
                    return f[0].equals("throttled_usec") ? v * 1000 : v;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** A cgroup folder of the cpu controller, and whether it is of cgroups v2. */
    private record CpuFolder(Path path, boolean v2) {
    }

    /** The process's cpu cgroup folders and their ancestors up to the mount, v2 first, then v1. */
    private static List<CpuFolder> cpuFolders(Path root) {
        List<CpuFolder> found = new java.util.ArrayList<>();
        List<String> mounts = lines(root.resolve("proc/self/mountinfo"));
        for (String own : lines(root.resolve("proc/self/cgroup"))) {
            String[] parts = own.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean v2 = parts[0].equals("0") && parts[1].isEmpty();
            boolean v1 = List.of(parts[1].split(",")).contains("cpu");
            if (!v1 && !v2) {
                continue;
            }
            for (Path[] place : cgroupDirs(root, mounts, v2, parts[2])) {
                // The cgroup's own folder, then its ancestors up to the mount: a limit may be set on any of them.
                for (Path d = place[0]; d != null && d.startsWith(place[1]); d = d.getParent()) {
                    found.add(new CpuFolder(d, v2));
                }
            }
        }
        return found;
    }

    /**
     * Where the cgroup's files may be, as pairs of folder and mount point: from the mount table, else the usual
     * mount points. Inside a container the process's path names the host's folder, so the mount itself is tried too.
     */
    private static List<Path[]> cgroupDirs(Path root, List<String> mounts, boolean v2, String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (String m : mounts) {
            String[] halves = m.split(" - ", 2);
            String[] left = halves[0].split(" ");
            if (halves.length < 2 || left.length < 5) {
                continue;
            }
            String[] right = halves[1].split(" ");
            boolean match = v2 ? right[0].equals("cgroup2")
                    : right[0].equals("cgroup") && right.length > 2 && List.of(right[2].split(",")).contains("cpu");
            if (match) {
                Path mount = root.resolve(left[4].substring(1));
                String inside = path.startsWith(left[3]) ? path.substring(left[3].length()) : relative;
                return List.of(new Path[] {mount.resolve(inside.startsWith("/") ? inside.substring(1) : inside), mount},
                        new Path[] {mount, mount});
            }
        }
        Path base = root.resolve("sys/fs/cgroup");
        List<Path> mountPoints = v2 ? List.of(base) : List.of(base.resolve("cpu"), base.resolve("cpu,cpuacct"));
        return mountPoints.stream().flatMap(m -> java.util.stream.Stream.of(new Path[] {m.resolve(relative), m},
                new Path[] {m, m})).toList();
    }

    private static double v2Quota(String cpuMax) {
        String[] f = cpuMax.trim().split("\\s+");
        return f.length == 2 && !f[0].equals("max") ? ratio(f[0], f[1]) : Double.NaN;
    }

    private static double ratio(String quota, String period) {
        try {
            double q = Double.parseDouble(quota.trim());
            double p = Double.parseDouble(period.trim());
            return q > 0 && p > 0 ? q / p : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /** Counts a CPU list such as {@code 0-3,6,8-9}; 0 when empty or unreadable. */
    static int cpuCount(String list) {
        int count = 0;
        try {
            for (String range : list.trim().split(",")) {
                if (range.isBlank()) {
                    continue;
                }
                String[] ends = range.trim().split("-");
                int first = Integer.parseInt(ends[0]);
                count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - first + 1;
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return count;
    }

    private static String line(Path file, String prefix) {
        return lines(file).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length())).orElse("");
    }

    private static String text(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d host CPUs, quota %s, CPU set %d", hostCpus,
                Double.isNaN(quota) ? "none" : String.format(Locale.ROOT, "%.2f", quota), cpuSet);
    }
}

package org.jcn.internal.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the machine did while one point of a sweep ran: the CPU time of this JVM's whole process tree (child JVMs,
 * Python interpreters and their pools included), the CPU time every other process took meanwhile (the machine's busy
 * time from {@code /proc/stat}, steal time included, less the tree's own), and the time a cgroup CPU quota held the
 * tree back ({@code cpu.stat}).
 *
 * <p>A meter is made once per sweep ({@link #open()}), which finds its cgroup's files; {@link #read()} then takes a
 * snapshot before and after each point, and {@link Reading#until} gives the difference. The kernel counts CPU time in
 * clock ticks (10 ms on Linux), so a single short point's figures are coarse; summed over a sweep they are not.
 * Outside Linux every figure is unknown (-1) and a reading costs nothing. A snapshot reads {@code /proc} once per
 * process of the tree: a few hundred microseconds, taken outside the timed part of a point.
 */
public final class MachineMeter {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ, fixed at 100 for user space on every arch). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final boolean linux;
    private final List<Path> cpuStat;

    private MachineMeter(boolean linux, List<Path> cpuStat) {
        this.linux = linux;
        this.cpuStat = cpuStat;
    }

    /**
     * A meter for this process, with its cgroup's {@code cpu.stat} files found once.
     *
     * @return a new meter
     */
    public static MachineMeter open() {
        boolean linux = Files.isReadable(Path.of("/proc/stat")) && Files.isReadable(Path.of("/proc/self/stat"));
        return new MachineMeter(linux, linux ? CpuLimits.cpuStatFiles() : List.of());
    }

    /**
     * A snapshot of the counters, now.
     *
     * @return the snapshot; every counter -1 where it cannot be read
     */
    public Reading read() {
        if (!linux) {
            return new Reading(-1, -1, -1, -1);
        }
        long[] machine = machineTicks();
        long tree = treeNanos();
        long throttled = cpuStat.isEmpty() ? 0 : CpuLimits.throttledNanos(cpuStat.get(0));
        return new Reading(machine[0] < 0 ? -1 : machine[0] * NANOS_PER_TICK,
                machine[1] < 0 ? -1 : machine[1] * NANOS_PER_TICK, tree, throttled);
    }

    /**
     * One snapshot of the counters, all in nanoseconds since boot (or since the cgroup was made); -1 when unknown.
     *
     * @param busyNanos      CPU time all processes of the machine used, on all CPUs, steal time included
     * @param stealNanos     of it, time a hypervisor gave this machine's CPUs to other machines
     * @param treeNanos      CPU time of this JVM and all its living descendants (and of the children they reaped)
     * @param throttledNanos time a CPU quota held this process's cgroup back
     */
    public record Reading(long busyNanos, long stealNanos, long treeNanos, long throttledNanos) {

        /**
         * What happened between this snapshot and a later one.
         *
         * @param later the snapshot taken after
         * @return the differences: the tree's CPU, other processes' CPU (never below 0) and the throttled time;
         *         -1 for what is unknown
         */
        public Usage until(Reading later) {
            long tree = treeNanos < 0 || later.treeNanos < 0 ? -1 : Math.max(0, later.treeNanos - treeNanos);
            long busy = busyNanos < 0 || later.busyNanos < 0 ? -1 : Math.max(0, later.busyNanos - busyNanos);
            long other = busy < 0 || tree < 0 ? -1 : Math.max(0, busy - tree);
            long throttled = throttledNanos < 0 || later.throttledNanos < 0 ? -1
                    : Math.max(0, later.throttledNanos - throttledNanos);
            return new Usage(tree, other, throttled);
        }
    }

    /**
     * The CPU use of one interval.
     *
     * @param treeNanos      CPU time of this JVM's process tree; -1 when unknown
     * @param otherNanos     CPU time of every other process of the machine, steal time included; -1 when unknown
     * @param throttledNanos time a CPU quota held the tree back; -1 when unknown
     */
    public record Usage(long treeNanos, long otherNanos, long throttledNanos) {
    }

    /** The machine's busy and steal ticks from the first line of /proc/stat; -1s when unreadable. */
    private static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += i < f.length ? Long.parseLong(f[i]) : 0;
            }
            return new long[] {busy, f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * CPU time of this JVM (to the nanosecond, from the JVM), of the children it reaped, and of its living
     * descendants (in clock ticks, from /proc); -1 when /proc cannot be read.
     */
    private static long treeNanos() {
        long[] self = ticks(ProcessHandle.current().pid());
        if (self[0] < 0) {
            return -1;
        }
        long jvm = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        long ticks = (jvm < 0 ? self[0] : 0) + self[1]
                + ProcessHandle.current().descendants().mapToLong(p -> {
                    long[] t = ticks(p.pid());
                    return Math.max(0, t[0]) + Math.max(0, t[1]);
                }).sum();
        return Math.max(0, jvm) + ticks * NANOS_PER_TICK;
    }

    /**
     * A process's own ticks (utime + stime) and its reaped children's (cutime + cstime) from /proc/PID/stat;
     * {-1, -1} when it is gone or unreadable.
     */
    static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name, field 2, is in parentheses and may hold spaces: count fields after its last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // After the name: state(3) ... utime(14) stime(15) cutime(16) cstime(17), so indexes 11 to 14 here.
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}

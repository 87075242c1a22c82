package org.jcn.internal.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jcn.internal.machine.CpuLimits;

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
 * thread of the tree (a millisecond or two with a few child JVMs), outside the timed part of a point. A meter keeps
 * what it saw of this JVM's threads between reads, so it is not thread safe; a sweep reads it from one thread.
 */
public final class MachineMeter {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ, fixed at 100 for user space on every arch). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final boolean linux;
    private final List<Path> cpuStat;
    private final int hostCpus;
    /** This JVM's threads at the last read, by thread id, with their run time then; for {@link #selfNanos()}. */
    private final java.util.Map<String, Long> threads = new java.util.HashMap<>();
    /** Run time of this JVM's threads that have ended since the meter opened, as last seen. */
    private long ended;

    private MachineMeter(boolean linux, List<Path> cpuStat, int hostCpus) {
        this.linux = linux;
        this.cpuStat = cpuStat;
        this.hostCpus = hostCpus;
    }

    /**
     * A meter for this process, with its cgroup's {@code cpu.stat} files found once.
     *
     * @return a new meter
     */
    public static MachineMeter open() {
        boolean linux = Files.isReadable(Path.of("/proc/stat")) && Files.isReadable(Path.of("/proc/self/stat"));
        return new MachineMeter(linux, linux ? CpuLimits.cpuStatFiles() : List.of(), CpuLimits.current().hostCpus());
    }

    /**
     * A snapshot of the counters, now.
     *
     * @return the snapshot; every counter -1 where it cannot be read
     */
    public Reading read() {
        if (!linux) {
            return new Reading(System.nanoTime(), hostCpus, -1, -1, -1, -1, -1);
        }
        long[] machine = machineTicks();
        long[] self = ticks(ProcessHandle.current().pid());
        long throttled = cpuStat.isEmpty() ? 0 : CpuLimits.throttledNanos(cpuStat.get(0));
        long descendants = ProcessHandle.current().descendants().mapToLong(p -> processNanos(p.pid())).sum();
        return new Reading(System.nanoTime(), hostCpus, machine[0] < 0 ? -1 : machine[0] * NANOS_PER_TICK,
                machine[1] < 0 ? -1 : machine[1] * NANOS_PER_TICK,
                self[0] < 0 ? -1 : selfNanos() + self[1] * NANOS_PER_TICK + descendants,
                self[0] < 0 ? -1 : (self[0] + self[1]) * NANOS_PER_TICK + descendants, throttled);
    }

    /**
     * This JVM's CPU time to the nanosecond: the run time of its living threads ({@code schedstat}) plus what the
     * threads that ended since the meter opened had run when last seen. A thread that starts and ends between two
     * reads is missed here; {@link Reading#until} makes up for it from the tick count, which includes it.
     */
    private long selfNanos() {
        java.util.Map<String, Long> now = new java.util.HashMap<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("schedstat"));
                    now.put(task.getFileName().toString(), Long.parseLong(stat.substring(0, stat.indexOf(' '))));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while the folder was read: counted as ended below
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        threads.forEach((id, run) -> {
            if (!now.containsKey(id)) {
                ended += run;
            }
        });
        threads.clear();
        threads.putAll(now);
        return ended + now.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One snapshot of the counters, all in nanoseconds since boot (or since the cgroup was made); -1 when unknown.
     *
     * @param atNanos        when it was taken ({@link System#nanoTime()})
     * @param hostCpus       the CPUs of the machine, to bound what the tree can have used between two readings
     * @param busyNanos      CPU time all processes of the machine used, on all CPUs, steal time included
     * @param stealNanos     of it, time a hypervisor gave this machine's CPUs to other machines
     * @param treeNanos      CPU time of this JVM and all its living descendants (and of the children they reaped),
     *                       to the nanosecond where Linux allows
     * @param treeTickNanos  the same with this JVM's own time from its clock ticks, which include threads that
     *                       ended between reads
     * @param throttledNanos time a CPU quota held this process's cgroup back
     */
    public record Reading(long atNanos, int hostCpus, long busyNanos, long stealNanos, long treeNanos,
                          long treeTickNanos, long throttledNanos) {

        /**
         * What happened between this snapshot and a later one.
         *
         * @param later the snapshot taken after
         * @return the differences: the tree's CPU, other processes' CPU (never below 0) and the throttled time;
         *         -1 for what is unknown
         */
        public Usage until(Reading later) {
            long tree = -1;
            if (treeNanos >= 0 && later.treeNanos >= 0) {
                // The precise count misses threads that lived only between the reads; the tick count does not, but
                // Linux cuts it to whole ticks and splits it into user and system time by sampling, so it may be a
                // few ticks off: it replaces the precise count only when that is short by more than three ticks.
                // No count may exceed what the machine's CPUs could run between the two readings.
                long precise = later.treeNanos - treeNanos;
                long ticked = later.treeTickNanos - treeTickNanos;
                tree = ticked - precise > 3 * NANOS_PER_TICK ? ticked : precise;
                tree = Math.max(0, Math.min(tree, (later.atNanos - atNanos) * Math.max(1, hostCpus)));
            }
            long busy = busyNanos < 0 || later.busyNanos < 0 ? -1 : Math.max(0, later.busyNanos - busyNanos);
            long other = busy < 0 || tree < 0 ? -1 : Math.max(0, busy - tree);
            long throttled = throttledNanos < 0 || later.throttledNanos < 0 ? -1
                    : Math.max(0, later.throttledNanos - throttledNanos);
            return new Usage(later.atNanos - atNanos, tree, other, throttled);
        }
    }

    /**
     * The CPU use of one interval.
     *
     * @param intervalNanos  the time between the two readings, which the other figures cover: a little longer than
     *                       the timed part of a point, much longer on a machine that makes the reads wait
     * @param treeNanos      CPU time of this JVM's process tree; -1 when unknown
     * @param otherNanos     CPU time of every other process of the machine, steal time included; -1 when unknown
     * @param throttledNanos time a CPU quota held the tree back; -1 when unknown
     */
    public record Usage(long intervalNanos, long treeNanos, long otherNanos, long throttledNanos) {
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

    /** One descendant's CPU time: its threads' run time and its reaped children's ticks; 0 when it is gone. */
    private static long processNanos(long pid) {
        long[] t = ticks(pid);
        if (t[0] < 0) {
            return 0;
        }
        long run = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                // schedstat: run time in nanoseconds, wait time, timeslices.
                String stat = Files.readString(task.resolve("schedstat"));
                run += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
            }
        } catch (IOException | RuntimeException e) {
            run = t[0] * NANOS_PER_TICK;   // no schedstat (a kernel without it, or the process just ended)
        }
        return run + t[1] * NANOS_PER_TICK;
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

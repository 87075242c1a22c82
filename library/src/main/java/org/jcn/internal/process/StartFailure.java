package org.jcn.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a child JVM could not be started, in words a learner can act on. When {@code fork} fails (a process limit
 * reached, memory short), the JDK often reports something else, such as {@code posix_spawn failed ... Spawn helper
 * ran into JDK version mismatch}; this looks at the limits that were likely hit: the user's process limit
 * ({@code ulimit -u}), the control group's process and memory limits (cgroup v1 and v2) and the memory left.
 */
final class StartFailure {

    private StartFailure() {
    }

    /**
     * @param jdk the JDK's message: {@code error: 11} (EAGAIN) from {@code fork} means a process limit, {@code
     *            error: 12} (ENOMEM) memory
     * @return the likely causes, such as {@code "the process limit is reached: ..."}; empty if none is found
     */
    static String explain(String jdk) {
        boolean again = jdk.contains("error: 11") || jdk.contains("Resource temporarily unavailable");
        boolean noMemory = jdk.contains("error: 12") || jdk.contains("Cannot allocate memory");
        List<String> causes = new ArrayList<>();
        limit("Max processes").ifPresent(max -> {
            long mine = processesOfThisUser();
            if (mine >= max - 2 || again) {
                causes.add("the process limit is reached: this user runs " + mine + " processes and threads of the "
                        + max + " that ulimit -u allows");
            }
        });
        cgroupPair("pids", "pids.max", "pids.current").ifPresent(p -> {
            if (p[1] >= p[0] - 2 || again) {
                causes.add("the control group's process limit is reached: " + p[1] + " of " + p[0] + " (pids.max)");
            }
        });
        Optional<long[]> memory = cgroupPair("memory", "memory.limit_in_bytes", "memory.usage_in_bytes")
                .or(() -> cgroupPair("memory", "memory.max", "memory.current"));
        memory.ifPresent(m -> {
            if (m[0] - m[1] < 256L << 20 || noMemory) {
                causes.add(String.format(Locale.ROOT, "the control group's memory limit is nearly reached: %d of %d MB"
                        + " in use", m[1] >> 20, m[0] >> 20));
            }
        });
        long available = meminfo("MemAvailable:");
        if (available >= 0 && available < 256L << 20) {
            causes.add("the machine's memory is nearly used up: " + (available >> 20) + " MB available");
        }
        if (causes.isEmpty() && again) {
            causes.add("a process limit was hit (the system refused to start one more process: EAGAIN)");
        } else if (causes.isEmpty() && noMemory) {
            causes.add("memory is short (the system refused to start one more process: ENOMEM)");
        }
        return String.join("; ", causes);
    }

    private static Optional<Long> limit(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(name)) {
                    String soft = line.substring(26).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? Optional.empty() : Optional.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: no cause from here
        }
        return Optional.empty();
    }

    private static long processesOfThisUser() {
        try (var all = Files.list(Path.of("/proc"))) {
            Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return all.filter(p -> p.getFileName().toString().matches("[0-9]+")).filter(p -> {
                try {
                    return me.equals(Files.getAttribute(p, "unix:uid"));
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).mapToLong(p -> threads(p)).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** ulimit -u counts threads; a JVM has dozens. */
    private static long threads(Path process) {
        try (var tasks = Files.list(process.resolve("task"))) {
            return tasks.count();
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** {@code [limit, current]} of this process's control group (v1 controller folder, or v2), if limited. */
    private static Optional<long[]> cgroupPair(String controller, String maxFile, String currentFile) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] parts = line.split(":", 3);
                boolean v1 = List.of(parts[1].split(",")).contains(controller);
                if (v1 || parts[1].isEmpty()) {
                    Path root = Path.of("/sys/fs/cgroup", v1 ? controller : "");
                    long[] tightest = null;
                    // A limit may be set on a parent group rather than on this one: the tightest counts.
                    for (Path dir = root.resolve(parts[2].substring(1)); dir != null && dir.startsWith(root);
                            dir = dir.getParent()) {
                        long[] pair = pair(dir.resolve(maxFile), dir.resolve(currentFile));
                        if (pair != null && (tightest == null || pair[0] - pair[1] < tightest[0] - tightest[1])) {
                            tightest = pair;
                        }
                    }
                    if (tightest != null) {
                        return Optional.of(tightest);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no control group to look at
        }
        return Optional.empty();
    }

    private static long[] pair(Path max, Path current) throws IOException {
        if (!Files.isReadable(max) || !Files.isReadable(current)) {
            return null;
        }
        String limit = Files.readString(max).strip();
        if (limit.equals("max") || Long.parseLong(limit) >= Long.MAX_VALUE / 2) {
            return null;
        }
        return new long[] {Long.parseLong(limit), Long.parseLong(Files.readString(current).strip())};
    }

    private static long meminfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}

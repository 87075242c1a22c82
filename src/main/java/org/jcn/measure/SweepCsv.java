package org.jcn.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link SweepResult} as a CSV file (RFC 4180: comma separated, fields with commas or quotes quoted), one row per
 * sample, the workload and platform repeated on every row so that any row stands on its own.
 */
final class SweepCsv {

    static final List<String> HEADER = List.of("workload", "mechanism", "workers", "round", "elapsed_ns", "cpu_ns",
            "cores", "host_cpus", "cpu_quota", "cores_limited_by", "java_version", "java_vendor", "os",
            "max_heap_bytes", "kernel", "taken_at", "other_cpu_ns", "throttled_ns", "metered_ns");
    /** The header of files written before the machine's load was recorded; such files still read, load unknown. */
    static final List<String> HEADER_WITHOUT_LOAD = HEADER.subList(0, 16);

    private SweepCsv() {
    }

    static Path write(SweepResult r, Path file) {
        Platform p = r.platform();
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", HEADER));
        for (SweepResult.Sample s : r.samples()) {
            lines.add(line(r.workload(), s.mechanism().label(), s.workers(), s.repetition(), s.wallNanos(),
                    s.cpuNanos(), p.cores(), p.hostCpus(), Double.isNaN(p.cpuQuota()) ? "" : p.cpuQuota(),
                    p.coresLimitedBy(), p.javaVersion(), p.javaVendor(), p.os(), p.maxHeapBytes(), p.kernel(),
                    p.takenAt(), s.otherCpuNanos(), s.throttledNanos(), s.meteredNanos()));
        }
        try {
            return Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static SweepResult read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Parses a sweep's lines; {@code file} names them in error messages. */
    static SweepResult parse(List<String> lines, Object file) {
        List<String> header = lines.isEmpty() ? List.of() : fields(lines.get(0), file, 1);
        if (!header.equals(HEADER) && !header.equals(HEADER_WITHOUT_LOAD)) {
            throw new IllegalArgumentException(file + ": line 1 must be the header " + String.join(",", HEADER));
        }
        List<SweepResult.Sample> samples = new ArrayList<>();
        Set<Mechanism> mechanisms = new LinkedHashSet<>();
        Set<Integer> counts = new TreeSet<>();
        List<String> first = null;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = fields(lines.get(i), file, i + 1);
            if (f.size() != header.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: line %d has %d fields, not %d",
                        file, i + 1, f.size(), header.size()));
            }
            try {
                Mechanism m = mechanism(f.get(1));
                samples.add(new SweepResult.Sample(m, Integer.parseInt(f.get(2)), Integer.parseInt(f.get(3)),
                        Long.parseLong(f.get(4)), Long.parseLong(f.get(5)),
                        f.size() > 16 ? Long.parseLong(f.get(16)) : -1, f.size() > 17 ? Long.parseLong(f.get(17)) : -1,
                        f.size() > 18 ? Long.parseLong(f.get(18)) : -1));
                mechanisms.add(m);
                counts.add(Integer.parseInt(f.get(2)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
            first = first == null ? f : first;
        }
        if (first == null) {
            throw new IllegalArgumentException(file + ": no samples after the header");
        }
        Platform platform;
        try {
            platform = new Platform(first.get(10), first.get(11), Integer.parseInt(first.get(6)), first.get(12),
                    Long.parseLong(first.get(13)), first.get(14), Instant.parse(first.get(15)),
                    Integer.parseInt(first.get(7)), first.get(8).isEmpty() ? Double.NaN
                    : Double.parseDouble(first.get(8)), first.get(9));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException(file + ": the platform of the first sample: " + e.getMessage(), e);
        }
        return new SweepResult(first.get(0), platform, List.copyOf(mechanisms),
                counts.stream().mapToInt(Integer::intValue).toArray(), samples);
    }

    private static Mechanism mechanism(String label) {
        return Arrays.stream(Mechanism.values()).filter(m -> m.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mechanism \"" + label + "\""));
    }

    private static String line(Object... values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            String text = String.valueOf(v);
            out.add(text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        return String.join(",", out);
    }

    /** Splits one line into its fields, unquoting quoted ones. */
    private static List<String> fields(String line, Object file, int number) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + ": line " + number + " ends inside a quoted field");
        }
        out.add(field.toString());
        return out;
    }
}

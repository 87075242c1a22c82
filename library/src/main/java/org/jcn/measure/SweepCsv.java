package org.jcn.measure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
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

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;

/**
 * A {@link SweepResult} as a CSV file (RFC 4180, written and read by univocity-parsers, the CSV engine under
 * Tablesaw's own reader, which costs a hundred times more per file in a 10,000-file class folder), one row per
 * sample, the workload and platform repeated on every row so that any row stands on its own.
 */
final class SweepCsv {

    static final List<String> HEADER = List.of("workload", "mechanism", "workers", "round", "elapsed_ns", "cpu_ns",
            "cores", "host_cpus", "cpu_quota", "cores_limited_by", "java_version", "java_vendor", "os",
            "max_heap_bytes", "kernel", "taken_at", "other_cpu_ns", "throttled_ns", "metered_ns");
    /** The header of files written before the machine's load was recorded; such files still read, load unknown. */
    static final List<String> HEADER_WITHOUT_LOAD = HEADER.subList(0, 16);
    /** The longest field read, in characters: a workload's name, a JVM's version; more is not a sweep's file. */
    private static final int MAX_FIELD = 4096;

    private SweepCsv() {
    }

    static Path write(SweepResult r, Path file) {
        Platform p = r.platform();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvWriter csv = new CsvWriter(out, writing());
            csv.writeHeaders(HEADER);
            for (SweepResult.Sample s : r.samples()) {
                csv.writeRow(r.workload(), s.mechanism().label(), s.workers(), s.repetition(), s.wallNanos(),
                        s.cpuNanos(), p.cores(), p.hostCpus(), Double.isNaN(p.cpuQuota()) ? "" : p.cpuQuota(),
                        p.coresLimitedBy(), p.javaVersion(), p.javaVendor(), p.os(), p.maxHeapBytes(), p.kernel(),
                        p.takenAt(), s.otherCpuNanos(), s.throttledNanos(), s.meteredNanos());
            }
            csv.close();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static SweepResult read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /**
     * Parses a sweep's CSV text; {@code file} names it in error messages. Lines are counted as records after the
     * header (line 1), which is exact unless a quoted field holds a line break.
     */
    static SweepResult parse(String text, Object file) {
        List<List<String>> rows = rows(text, file);
        List<String> header = rows.isEmpty() ? List.of() : rows.get(0);
        if (!header.equals(HEADER) && !header.equals(HEADER_WITHOUT_LOAD)) {
            throw new IllegalArgumentException(file + ": line 1 must be the header " + String.join(",", HEADER));
        }
        List<SweepResult.Sample> samples = new ArrayList<>();
        Set<Mechanism> mechanisms = new LinkedHashSet<>();
        Set<Integer> counts = new TreeSet<>();
        List<String> first = null;
        for (int i = 1; i < rows.size(); i++) {
            List<String> f = rows.get(i);
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

    /** Every record as its fields; a missing field reads as the empty string. */
    private static List<List<String>> rows(String text, Object file) {
        try {
            return new CsvParser(reading()).parseAll(new StringReader(text)).stream()
                    .map(fields -> Arrays.stream(fields).map(f -> f == null ? "" : f).toList())
                    .toList();
        } catch (TextParsingException e) {
            throw new IllegalArgumentException(file + ": not a CSV file: line " + (e.getLineIndex() + 1) + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static CsvParserSettings reading() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setLineSeparatorDetectionEnabled(true);
        // A class folder may hold 10,000 files: univocity's defaults (a 1 MiB buffer, a reading thread per
        // parser) cost a millisecond per file, these a few microseconds.
        settings.setReadInputOnSeparateThread(false);
        settings.setInputBufferSize(8192);
        settings.setMaxCharsPerColumn(MAX_FIELD);
        return settings;
    }

    private static CsvWriterSettings writing() {
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setQuotationTriggers('\r', '\n');
        settings.getFormat().setLineSeparator("\n");
        return settings;
    }
}

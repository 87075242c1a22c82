package org.jcn.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jcn.measure.Platform;
import org.jcn.server.Downloads;
import org.jcn.server.LatencyServer;

/**
 * Does {@link LatencyServer} keep up with the download notebooks' biggest workloads, and would a library's HTTP
 * server do better? Not a test: a measurement, run with {@code ./bench LatencyServerBenchmark} (about 25 minutes
 * for the five servers on 2 cores), or with arguments {@code [bodyBytes [rounds [servers]]]} on the command line
 * {@code ./bench} prints, servers as a comma-separated list of {@link HttpContenders#NAMES}.
 *
 * <p>Every server (the project's own, the JDK's {@code com.sun.net.httpserver}, Jetty 12 with its own handler API
 * and with the JDK's, Netty 4.2; see {@link HttpContenders}) goes through the same rounds, one server after another
 * in one run, each in fresh JVMs, so that their figures are comparable: (a) 1,000 concurrent downloads, 100 ms
 * delay: the total time should be within 2.5x of the delay; measured with client and server in one JVM as in a
 * notebook, and with each in a child JVM of its own. (b) 10,000 concurrent downloads, same delay: all must
 * succeed, and the server's own time (request read to response sent) must stay within 10 ms of the delay at the
 * 99th percentile. Every round sends with one virtual thread per download and ONE shared {@link HttpClient}. The
 * server JVM's peak thread count and resident memory are reported beside them, and the cost of starting each
 * server once in a fresh JVM (time to its first answer, classes loaded), as a notebook's setup cell does.
 *
 * <p>How it is measured: warm-up rounds first, until the JIT has compiled the client's and server's paths (a
 * cold client spends several times the CPU per download of a warm one; the first round is reported apart), then
 * a number of measured rounds; the table gives the median over those rounds, with the quartiles, because on a
 * shared 2-core machine single rounds scatter by ±20%.
 *
 * <p>Why (b) runs only with server and client in two child JVMs: 10,000 concurrent HTTP/1.1 requests need
 * 10,000 connections, and in one JVM each costs two file descriptors (client end, server end): 20,000 plus the
 * JVM's own, above this machine's hard {@code ulimit -n} of 20,000. In two processes each needs about 10,000.
 * The last rounds run the client under {@code nice -n 10}: on a small machine the client, far busier than the
 * server, otherwise takes the cores the server needs to answer on time; lowered, it stands for a load generator
 * on another machine.
 *
 * <p>Client tuning, and why: HTTP/1.1 is asked for explicitly, since against {@code http://} the default (HTTP/2)
 * adds an h2c upgrade offer to every request, which this server, like most, declines. The client's executor is a
 * virtual thread per task rather than its default cached pool of platform threads: here that cut the client's
 * CPU time per download by a fifth or more, and the client, not the server, is what limits these rounds.
 * {@code jdk.httpclient.connectionPoolSize} needs no change: it caps only idle connections kept for reuse, and
 * its default (0) means no cap. Nothing else is tuned.
 */
public final class LatencyServerBenchmark {

    private static final Duration DELAY = Duration.ofMillis(100);
    /** Warm-up rounds before the measured ones: for 1,000 downloads, and for 10,000. */
    private static final int WARMUP_SMALL = 12;
    private static final int WARMUP_LARGE = 3;
    /** Fresh JVMs per server for the start-up cost, taken in turns. */
    private static final int STARTS = 7;
    private static final String FORMAT = "%-19s %-28s %7s %6s %7s %18s %8s %16s %7s %8s%n";

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "serve" -> serve(args[1], Integer.parseInt(args[2]));
            case "send" -> send(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "alone" -> alone(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "start" -> startOnce(args[1]);
            case "cell" -> firstCell(args[1]);
            default -> measure(args.length > 0 ? Integer.parseInt(args[0]) : 10_000,
                    args.length > 1 ? Integer.parseInt(args[1]) : 9,
                    args.length > 2 ? List.of(args[2].split(",")) : HttpContenders.NAMES);
        }
    }

    private static void measure(int bodyBytes, int rounds, List<String> servers) throws Exception {
        String loadBefore = loadAverage();
        List<String> starts = startCosts(servers);
        starts.addAll(cellCosts());
        List<String[]> rows = new ArrayList<>();
        int large = (rounds + 1) / 2;
        for (String name : servers) {
            String label = HttpContenders.label(name);
            String load = loadAverage();
            rows.add(alone(label + " @" + load, "a: 1,000 at once, one JVM", name, bodyBytes, rounds));
            rows.add(twoJvms(label, "a: 1,000 at once, two JVMs", name, 1_000, WARMUP_SMALL, false, bodyBytes,
                    rounds));
            rows.add(twoJvms(label, "b: 10,000 at once, two JVMs", name, 10_000, WARMUP_LARGE, false, bodyBytes,
                    large));
            rows.add(twoJvms(label, "b: same, client at nice 10", name, 10_000, WARMUP_LARGE, true, bodyBytes,
                    large));
        }
        System.out.println("HTTP servers, delay " + DELAY.toMillis() + " ms, body " + bodyBytes + " bytes, "
                + Platform.current().label() + ", load average " + loadBefore + " before, " + loadAverage()
                + " after (and before each server's rows, after @)");
        System.out.printf(Locale.ROOT, "medians over %d measured rounds (%d for 10,000) after %d warm-up rounds (%d);"
                + " quartiles or range in brackets; server threads and RSS are the server JVM's peaks%n", rounds,
                large, WARMUP_SMALL, WARMUP_LARGE);
        System.out.printf(Locale.ROOT, FORMAT, "server", "configuration", "ok", "failed", "cold", "x delay",
                "srv p50", "srv p99", "threads", "RSS MB");
        rows.forEach(row -> System.out.printf(Locale.ROOT, FORMAT, (Object[]) row));
        System.out.println();
        System.out.println("Starting each server once in a fresh JVM, serving one request (median of " + STARTS
                + " JVMs, taken in turns; classes loaded by the start and the request, beyond the JVM's own):");
        starts.forEach(System.out::println);
    }

    /** Rounds with client and server in one child JVM of its own, as in a notebook. */
    private static String[] alone(String label, String name, String server, int bodyBytes, int rounds)
            throws Exception {
        try (var child = new Child(List.of("alone", server, Integer.toString(bodyBytes), Integer.toString(rounds)),
                false)) {
            Round cold = Round.parse(child.answers.readLine());
            List<Measured> measured = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                long[] n = numbers(child.answers.readLine());
                measured.add(new Measured(new Round((int) n[0], (int) n[1], n[2], n[3], n[4]), n[5], n[6]));
            }
            long[] peaks = numbers(child.answers.readLine());
            return row(label, name, 1_000, cold, measured, peaks[0], peaks[1]);
        }
    }

    /** Child JVM, client and server: the cold round, each measured round, then the JVM's peak threads and RSS. */
    private static void alone(String server, int bodyBytes, int rounds) throws Exception {
        try (HttpClient client = newClient(); var running = HttpContenders.start(server, DELAY, bodyBytes)) {
            List<URI> uris = uris(running.uri(), 1_000);
            System.out.println(round(client, uris).format());
            for (int w = 1; w < WARMUP_SMALL; w++) {
                round(client, uris);
            }
            ManagementFactory.getThreadMXBean().resetPeakThreadCount();
            for (int r = 1; r <= rounds; r++) {
                running.reset();
                System.out.println(round(client, uris).format() + " " + running.percentileNanos(50) + " "
                        + running.percentileNanos(99));
            }
            System.out.println(ManagementFactory.getThreadMXBean().getPeakThreadCount() + " " + peakRssKb());
        }
    }

    /** A measured round, with the server's own p50 and p99 for it. */
    private record Measured(Round round, long serverP50, long serverP99) {
    }

    /** Rounds with the server in one child JVM and the client in another, {@code nice} or not. */
    private static String[] twoJvms(String label, String name, String serverName, int count, int warmups,
                                    boolean nice, int bodyBytes, int rounds) throws Exception {
        try (var server = new Child(List.of("serve", serverName, Integer.toString(bodyBytes)), false)) {
            String uri = server.answers.readLine();
            try (var client = new Child(List.of("send", uri, Integer.toString(count), Integer.toString(warmups)),
                    nice)) {
                Round cold = Round.parse(client.answers.readLine()); // sent once the warm-up rounds are over
                List<Measured> measured = new ArrayList<>();
                long threads = 0;
                long rss = 0;
                for (int r = 1; r <= rounds; r++) {
                    server.commands.println("reset");
                    server.answers.readLine();
                    client.commands.println("go");
                    Round round = Round.parse(client.answers.readLine());
                    server.commands.println("stats");
                    long[] s = numbers(server.answers.readLine());
                    measured.add(new Measured(round, s[2], s[3]));
                    threads = Math.max(threads, s[4]);
                    rss = Math.max(rss, s[5]);
                }
                return row(label, name, count, cold, measured, threads, rss);
            }
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** Client-side results of one round; per-download times sorted. */
    private record Round(int ok, int failed, long elapsedNanos, long p50Nanos, long p99Nanos) {

        static Round parse(String line) {
            long[] n = numbers(line);
            return new Round((int) n[0], (int) n[1], n[2], n[3], n[4]);
        }

        String format() {
            return ok + " " + failed + " " + elapsedNanos + " " + p50Nanos + " " + p99Nanos;
        }
    }

    /** All downloads at once, one virtual thread each; every wait is bounded. */
    private static Round round(HttpClient client, List<URI> uris) throws InterruptedException {
        long start = System.nanoTime();
        List<Future<Long>> downloads = new ArrayList<>(uris.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (URI uri : uris) {
                downloads.add(threads.submit(() -> {
                    long t0 = System.nanoTime();
                    Downloads.fetch(client, uri);
                    return System.nanoTime() - t0;
                }));
            }
            long[] nanos = new long[uris.size()];
            int ok = 0;
            for (Future<Long> download : downloads) {
                try {
                    nanos[ok] = download.get(60, TimeUnit.SECONDS);
                    ok++;
                } catch (Exception e) {
                    download.cancel(true);
                    System.err.println("failed: " + (e.getCause() != null ? e.getCause() : e));
                }
            }
            long elapsed = System.nanoTime() - start;
            long[] sorted = Arrays.copyOf(nanos, ok);
            Arrays.sort(sorted);
            return new Round(ok, uris.size() - ok, elapsed, percentile(sorted, 50), percentile(sorted, 99));
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** One table row: the cold round, then medians with quartiles (x delay) or ranges (server p99), then peaks. */
    private static String[] row(String label, String name, int count, Round cold, List<Measured> measured,
                                long peakThreads, long peakRssKb) {
        int ok = measured.stream().mapToInt(m -> m.round().ok()).sum();
        int failed = measured.stream().mapToInt(m -> m.round().failed()).sum() + cold.failed();
        double[] ratios = measured.stream().mapToDouble(m -> (double) m.round().elapsedNanos() / DELAY.toNanos())
                .sorted().toArray();
        long[] p50 = measured.stream().mapToLong(Measured::serverP50).sorted().toArray();
        long[] p99 = measured.stream().mapToLong(Measured::serverP99).sorted().toArray();
        return new String[] {label, name, String.format(Locale.ROOT, "%,d", ok), Integer.toString(failed),
                String.format(Locale.ROOT, "%.2fx", (double) cold.elapsedNanos() / DELAY.toNanos()),
                String.format(Locale.ROOT, "%.2fx [%.2f–%.2f]", quantile(ratios, 0.5), quantile(ratios, 0.25),
                        quantile(ratios, 0.75)),
                ms(p50[p50.length / 2]),
                String.format(Locale.ROOT, "%s [%.0f–%.0f]", ms(p99[p99.length / 2]), p99[0] / 1e6,
                        p99[p99.length - 1] / 1e6),
                Long.toString(peakThreads), Long.toString(peakRssKb / 1024)};
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static long[] numbers(String line) {
        return Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** The 1-minute load average, to tell a busy machine from a slow server; "?" where there is no /proc. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * Child JVM, server side: prints its URI, then answers "reset" and "stats" (served, most in flight, p50, p99,
     * the JVM's peak threads since the reset, its peak RSS in KB); ends with its stdin.
     */
    private static void serve(String name, int bodyBytes) throws Exception {
        try (var server = HttpContenders.start(name, DELAY, bodyBytes);
             var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println(server.uri());
            for (String command; (command = in.readLine()) != null; ) {
                switch (command) {
                    case "reset" -> {
                        server.reset();
                        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
                        System.out.println("ok");
                    }
                    case "stats" -> System.out.println(server.served() + " " + server.maxActive() + " "
                            + server.percentileNanos(50) + " " + server.percentileNanos(99) + " "
                            + ManagementFactory.getThreadMXBean().getPeakThreadCount() + " " + peakRssKb());
                    default -> System.out.println("unknown command " + command);
                }
                System.out.flush();
            }
        }
    }

    /** This process's peak resident memory in KB (VmHWM), or 0 where there is no /proc. */
    private static long peakRssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The cost of starting each server once, as a notebook cell does: fresh JVMs, taken in turns, each starting
     * one server and serving one request; medians, and ratios to the first server named.
     */
    private static List<String> startCosts(List<String> servers) throws Exception {
        var millis = new LinkedHashMap<String, List<Long>>();
        var classes = new LinkedHashMap<String, List<Long>>();
        var cpu = new LinkedHashMap<String, List<Long>>();
        for (int i = 0; i < STARTS; i++) {
            for (String name : servers) {
                try (var child = new Child(List.of("start", name), false)) {
                    long[] n = numbers(child.answers.readLine());
                    millis.computeIfAbsent(name, k -> new ArrayList<>()).add(n[0]);
                    classes.computeIfAbsent(name, k -> new ArrayList<>()).add(n[1]);
                    cpu.computeIfAbsent(name, k -> new ArrayList<>()).add(n[2]);
                }
            }
        }
        String first = servers.getFirst();
        long baseMillis = median(millis.get(first));
        long baseClasses = median(classes.get(first));
        long baseCpu = median(cpu.get(first));
        List<String> lines = new ArrayList<>();
        for (String name : servers) {
            long ms = median(millis.get(name));
            long n = median(classes.get(name));
            long c = median(cpu.get(name));
            lines.add(String.format(Locale.ROOT,
                    "  %-19s %6.1f ms %5.2fx   %,6d classes %5.2fx   JVM CPU %6.1f ms %5.2fx",
                    HttpContenders.label(name), ms / 1000.0, (double) ms / baseMillis, n, (double) n / baseClasses,
                    c / 1000.0, (double) c / baseCpu));
        }
        return lines;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /**
     * Child JVM: starts one server, fetches one body over a plain socket (no HTTP client to load) and closes it;
     * prints the microseconds that took and the classes it loaded.
     */
    private static void startOnce(String name) throws Exception {
        var loading = ManagementFactory.getClassLoadingMXBean();
        long loadedBefore = loading.getTotalLoadedClassCount();
        long start = System.nanoTime();
        try (var server = HttpContenders.start(name, Duration.ZERO, 10);
             var socket = new Socket("127.0.0.1", server.uri().getPort())) {
            socket.getOutputStream().write("GET /image/1 HTTP/1.1\r\nHost: a\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            var in = socket.getInputStream();
            var head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            in.readNBytes(10);
            // Until the answer is in: closing is left out, since the JDK's server takes up to a second to stop.
            long micros = (System.nanoTime() - start) / 1000;
            if (!head.toString().startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(name + " answered " + head);
            }
            System.out.println(micros + " " + (loading.getTotalLoadedClassCount() - loadedBefore) + " "
                    + processCpuMicros());
        }
    }

    /** The libraries whose jars would join the cells' class path, by the words that pick them out of ours. */
    private static final Map<String, List<String>> EXTRA_JARS = new LinkedHashMap<>();

    static {
        EXTRA_JARS.put("library only", List.of());
        EXTRA_JARS.put("+ Jetty 12 jars", List.of("/org/eclipse/jetty/jetty-server/", "/org/eclipse/jetty/jetty-http/",
                "/org/eclipse/jetty/jetty-io/", "/org/eclipse/jetty/jetty-util/"));
        EXTRA_JARS.put("+ Netty 4.2 jars", List.of("/io/netty/"));
    }

    /**
     * What the extra jars would cost a kernel's start if they were on the cells' class path: a fresh JVM per
     * sample compiles and runs a first cell in JShell (in process, as the kernel does) against the library's
     * runtime jars ({@code library/target/lib}, what {@code kernel/install} installs) with and without them; the
     * cell imports the library's packages, so the compiler lists every jar's packages, as a kernel's start-up
     * imports make it do. Samples taken in turns; medians, and ratios to the library alone.
     */
    private static List<String> cellCosts() throws Exception {
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        Map<String, List<Long>> cpu = new LinkedHashMap<>();
        for (int i = 0; i < STARTS; i++) {
            for (String kind : EXTRA_JARS.keySet()) {
                try (var child = new Child(List.of("cell", kind), false)) {
                    long[] n = numbers(child.answers.readLine());
                    millis.computeIfAbsent(kind, k -> new ArrayList<>()).add(n[0]);
                    cpu.computeIfAbsent(kind, k -> new ArrayList<>()).add(n[1]);
                }
            }
        }
        long base = median(millis.get("library only"));
        long baseCpu = median(cpu.get("library only"));
        List<String> lines = new ArrayList<>();
        lines.add("A first cell compiled and run in JShell against the library's runtime jars (median of " + STARTS
                + " fresh JVMs, taken in turns):");
        for (String kind : EXTRA_JARS.keySet()) {
            long ms = median(millis.get(kind));
            long c = median(cpu.get(kind));
            lines.add(String.format(Locale.ROOT, "  %-19s %6.1f ms %5.2fx   JVM CPU %6.1f ms %5.2fx   %d jars", kind,
                    ms / 1000.0, (double) ms / base, c / 1000.0, (double) c / baseCpu, cellClassPath(kind).size()));
        }
        return lines;
    }

    private static List<String> cellClassPath(String kind) throws IOException {
        List<String> jars = new ArrayList<>();
        try (var lib = Files.list(Path.of("library", "target", "lib"))) {
            lib.map(Path::toString).filter(f -> f.endsWith(".jar")).sorted().forEach(jars::add);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.matches(".*/jcn-[^/]*\\.jar") || EXTRA_JARS.get(kind).stream().anyMatch(entry::contains)) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** Child JVM: a first cell against the class path of {@code kind}; prints the microseconds it took. */
    private static void firstCell(String kind) throws IOException {
        String classPath = String.join(File.pathSeparator, cellClassPath(kind));
        long start = System.nanoTime();
        try (var shell = jdk.jshell.JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(classPath);
            shell.eval("import org.jcn.server.*;");
            shell.eval("import org.jcn.measure.*;");
            var events = shell.eval("LatencyServer.MAX_BODY_BYTES / 1024");
            if (!"65536".equals(events.getFirst().value())) {
                throw new IllegalStateException("the cell gave " + events.getFirst().value());
            }
        }
        System.out.println((System.nanoTime() - start) / 1000 + " " + processCpuMicros());
    }

    /**
     * The CPU time this JVM has used so far, all its threads (the JIT's included), in microseconds: steadier than
     * the elapsed time on a machine others share, which is why the start-up costs are given in both.
     */
    private static long processCpuMicros() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1000;
    }

    private static List<URI> uris(URI base, int count) {
        List<URI> uris = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            uris.add(base.resolve("/image/" + i));
        }
        return uris;
    }

    /**
     * Child JVM, client side: warm-up rounds, then the first (cold) round's result, then one measured round per
     * "go"; ends with its stdin.
     */
    private static void send(URI base, int count, int warmups) throws Exception {
        List<URI> uris = uris(base, count);
        try (HttpClient client = newClient();
             var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            Round cold = round(client, uris);
            for (int w = 1; w < warmups; w++) {
                round(client, uris);
            }
            System.out.println(cold.format());
            System.out.flush();
            while ("go".equals(in.readLine())) {
                System.out.println(round(client, uris).format());
                System.out.flush();
            }
        }
    }

    /** A child JVM running this class, with the same class path; stderr goes to ours. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final PrintWriter commands;
        final BufferedReader answers;

        Child(List<String> args, boolean nice) throws IOException {
            List<String> command = new ArrayList<>();
            if (nice) {
                command.addAll(List.of("nice", "-n", "10"));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LatencyServerBenchmark.class.getName()));
            command.addAll(args);
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws InterruptedException {
            commands.close(); // end of stdin: the child finishes and exits
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

package org.jcn.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A training run for the kernel's start-up cache: {@code kernel/install} runs it once with the JDK's class-data
 * recording on (an AOT cache on JDK 25+, a CDS archive before), so a kernel starts with the classes of its first
 * minutes already loaded and linked.
 *
 * <p>It runs the real kernel ({@link KernelMain}) in this JVM and drives it over its sockets as a front end would:
 * {@code kernel_info}, a first notebook's cells (imports, declarations, expressions, threads, a chart, a table,
 * errors), completion, inspection, and a shutdown, which ends the JVM. Training the whole kernel, not only JShell,
 * puts the socket library, the message classes and the kernel's own classes in the cache as well: measured here,
 * a kernel then loaded 37 classes from jars instead of 354 before its first result.
 */
public final class Training {

    private static final List<String> CELLS = List.of(
            "int x = 41;",
            "x + 1",
            "void greet(String who) { System.out.println(\"hello, \" + who); }",
            "greet(\"cell\");",
            "Thread.ofVirtual().start(() -> greet(\"virtual\")).join();",
            "try (var pool = Executors.newFixedThreadPool(2)) { pool.submit(() -> greet(\"pool\")); }",
            "var f = CompletableFuture.supplyAsync(() -> 6 * 7); f.join()",
            "record Point(int x, int y) { }",
            "new Point(1, 2)",
            "var chart = new XYChart(400, 300); chart.addSeries(\"s\", new double[] {1, 2, 3}, "
                    + "new double[] {1, 4, 9}); chart",
            "Table.create(\"t\", IntColumn.create(\"n\", 1, 2, 3))",
            "List.of(1, 2, 3).stream().map(i -> i * i).toList()",
            "int y = \"not an int\";",
            "throw new IllegalStateException(\"boom\");",
            "6*7");

    // Two rounds: the second redefines the first round's variables, methods and record, which loads JShell's classes
    // for replacing a definition. (The cache keeps classes only, see kernel/install, so more rounds add nothing.)
    private static final int ROUNDS = 2;

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--measure-bare-jshell")) {
            measureBareJShell(args.length > 1 && args[1].equals("--kernel-set-up"));
            return;
        }
        Path folder = Files.createTempDirectory("jcn-kernel-training");
        String key = UUID.randomUUID().toString();
        int[] ports = freePorts(5);
        Path connection = folder.resolve("kernel-training.json");
        String properties = String.format(Locale.ROOT, """
                {"transport": "tcp", "ip": "127.0.0.1", "signature_scheme": "hmac-sha256", "key": "%s",
                 "shell_port": %d, "iopub_port": %d, "stdin_port": %d, "control_port": %d, "hb_port": %d}
                """, key, ports[0], ports[1], ports[2], ports[3], ports[4]);
        Files.writeString(connection, properties);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
        PrintStream err = System.err; // the kernel routes System.err to its front end
        Thread.ofPlatform().daemon().name("jcn-training-client").start(() -> {
            try {
                TrainingClient.drive(properties, CELLS, ROUNDS);
            } catch (Exception | Error e) {
                err.println("kernel training run failed: " + e);
                Runtime.getRuntime().halt(1); // the kernel waits for a shutdown that will not come
            }
        });
        KernelMain.main(new String[] {connection.toString()}); // ends the JVM once the client asks it to shut down
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports[i] = socket.getLocalPort();
            }
        }
        return ports;
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    /**
     * For the kernel benchmark: the median time of a bare in-process {@code JShell.eval("6*7")}, after 100 warm-up
     * evaluations (as many as the benchmark gives the kernels), in milliseconds; what a cell costs before the kernel
     * adds anything. JShell as it comes: no class path, no imports, and every value kept as a {@code $N} variable.
     *
     * <p>With {@code kernelSetUp}, JShell set up as a kernel's is (its class path, compiler options and start-up
     * imports), with each {@code $N} variable dropped once evaluated as the kernel drops it: what JShell's part of a
     * kernel's cell costs. The kernel also removes the class files of run snippets from the compiler
     * ({@link WrapperClassFiles}); this does not, so it stays the JShell a kernel is built on.
     */
    private static void measureBareJShell(boolean kernelSetUp) throws IOException {
        jdk.jshell.JShell.Builder builder = jdk.jshell.JShell.builder().executionEngine("local");
        if (kernelSetUp) {
            KernelMain.cellsSeeTheLibraryAlone(); // before JShell is built: its compiler reads java.class.path then
            builder.compilerOptions(KernelMain.compilerOptions().toArray(String[]::new))
                    .fileManager(compilers -> new JarClassPath(compilers, KernelMain.cellIndex()));
        }
        try (jdk.jshell.JShell shell = builder.build()) {
            if (kernelSetUp) {
                List<String> classPath = KernelMain.cellClassPath();
                if (!classPath.isEmpty()) {
                    shell.addToClasspath(String.join(java.io.File.pathSeparator, classPath));
                }
                StartupScript.run(shell, KernelMain.startupCode());
            }
            for (int i = 0; i < 100; i++) {
                eval(shell, kernelSetUp);
            }
            long[] nanos = new long[30];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                eval(shell, kernelSetUp);
                nanos[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(nanos);
            System.out.printf(java.util.Locale.ROOT, "%.1f%n", (nanos[14] + nanos[15]) / 2e6);
        }
    }

    private static void eval(jdk.jshell.JShell shell, boolean dropValue) {
        for (jdk.jshell.SnippetEvent event : shell.eval("6*7")) {
            if (dropValue && event.status().isActive()
                    && event.snippet().subKind() == jdk.jshell.Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                shell.drop(event.snippet());
            }
        }
    }
}

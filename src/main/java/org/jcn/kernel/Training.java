package org.jcn.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import com.google.gson.Gson;

/**
 * A training run for the kernel's start-up cache: {@code kernel/install} runs it once with the JDK's class-data
 * recording on (an AOT cache on JDK 25+, a CDS archive before), so a kernel starts with JShell's compiler, the
 * protocol library and the chart renderer already loaded and linked. It does what a first notebook does: imports,
 * declarations, expressions, threads, a chart and a table, serialised as the kernel would send them.
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
            "throw new IllegalStateException(\"boom\");");

    // JDK 25's AOT cache also keeps the method profiles of the run, so the JIT compiler of a new kernel starts
    // from them: more rounds give fuller profiles for a longer install.
    private static final int ROUNDS = 8;

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--measure-bare-jshell")) {
            measureBareJShell();
            return;
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PrintStream out = System.out;
        System.setOut(quiet);
        System.setErr(quiet);
        Gson gson = new Gson();
        try (Evaluator evaluator = new Evaluator(KernelMain.cellClassPath(), KernelMain.compilerOptions(), quiet,
                quiet)) {
            evaluator.runQuietly(KernelMain.startupCode());
            var renderer = Renderers.create();
            for (int round = 0; round < ROUNDS; round++) {
                int count = 1;
                for (String cell : CELLS) {
                    try {
                        Evaluator.Value value = evaluator.run(count++, cell, new ArrayList<>());
                        if (value.present()) {
                            DisplayData data = renderer.render(value.object());
                            gson.toJson(new PublishExecuteResult(count, data));
                        }
                    } catch (CellFailure expected) {
                        gson.toJson(expected.traceback);
                    }
                }
                evaluator.analyse(a -> a.complete("Math.ab", 7), null, java.time.Duration.ofSeconds(5));
                evaluator.analyse(a -> a.isComplete("for (int i = 0; i < 3; i++) {"), null,
                        java.time.Duration.ofSeconds(5));
            }
        }
        try (ZMQ.Context context = ZMQ.context(1); ZMQ.Socket socket = context.socket(SocketType.ROUTER)) {
            socket.bindToRandomPort("tcp://127.0.0.1");
        }
        out.println("kernel training run done");
        System.exit(0);
    }

    /**
     * For the kernel benchmark: the median time of a bare in-process {@code JShell.eval("6*7")}, after 100 warm-up
     * evaluations (as many as the benchmark gives the kernels), in milliseconds; what a cell costs before the kernel
     * adds anything.
     */
    private static void measureBareJShell() {
        try (jdk.jshell.JShell shell = jdk.jshell.JShell.builder().executionEngine("local").build()) {
            for (int i = 0; i < 100; i++) {
                shell.eval("6*7");
            }
            long[] nanos = new long[30];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                shell.eval("6*7");
                nanos[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(nanos);
            System.out.printf(java.util.Locale.ROOT, "%.1f%n", (nanos[14] + nanos[15]) / 2e6);
        }
    }
}

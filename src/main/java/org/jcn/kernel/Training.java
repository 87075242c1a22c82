package org.jcn.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

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

    // JDK 25's AOT cache also keeps the method profiles of the run, so the JIT compiler of a new kernel starts
    // from them: more rounds give fuller profiles for a longer install.
    private static final int ROUNDS = 8;
    private static final int REPLY_TIMEOUT_MILLIS = 120_000;

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--measure-bare-jshell")) {
            measureBareJShell();
            return;
        }
        Path folder = Files.createTempDirectory("jcn-kernel-training");
        String key = UUID.randomUUID().toString();
        int[] ports = freePorts(5);
        Path connection = folder.resolve("kernel-training.json");
        Files.writeString(connection, String.format(Locale.ROOT, """
                {"transport": "tcp", "ip": "127.0.0.1", "signature_scheme": "hmac-sha256", "key": "%s",
                 "shell_port": %d, "iopub_port": %d, "stdin_port": %d, "control_port": %d, "hb_port": %d}
                """, key, ports[0], ports[1], ports[2], ports[3], ports[4]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
        PrintStream err = System.err; // the kernel routes System.err to its front end
        Thread.ofPlatform().daemon().name("jcn-training-client").start(() -> {
            try {
                drive(key, ports);
            } catch (Exception | Error e) {
                err.println("kernel training run failed: " + e);
                Runtime.getRuntime().halt(1); // the kernel waits for a shutdown that will not come
            }
        });
        KernelMain.main(new String[] {connection.toString()}); // ends the JVM once the client asks it to shut down
    }

    // Plays a front end: every request waits for its reply, and the kernel's broadcasts are read as they come.
    private static void drive(String key, int[] ports) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String session = UUID.randomUUID().toString();
        try (ZMQ.Context context = ZMQ.context(1);
                ZMQ.Socket shell = context.socket(SocketType.DEALER);
                ZMQ.Socket control = context.socket(SocketType.DEALER);
                ZMQ.Socket iopub = context.socket(SocketType.SUB)) {
            for (ZMQ.Socket socket : List.of(shell, control)) {
                socket.setReceiveTimeOut(REPLY_TIMEOUT_MILLIS);
            }
            shell.connect("tcp://127.0.0.1:" + ports[0]);
            iopub.subscribe(new byte[0]);
            iopub.connect("tcp://127.0.0.1:" + ports[1]);
            control.connect("tcp://127.0.0.1:" + ports[3]);
            Gson gson = new Gson();
            request(shell, mac, session, "kernel_info_request", new JsonObject());
            for (int round = 0; round < ROUNDS; round++) {
                for (String cell : CELLS) {
                    JsonObject content = new JsonObject();
                    content.addProperty("code", cell);
                    content.addProperty("silent", false);
                    content.addProperty("store_history", true);
                    content.add("user_expressions", new JsonObject());
                    content.addProperty("allow_stdin", false);
                    content.addProperty("stop_on_error", false);
                    request(shell, mac, session, "execute_request", content);
                    while (iopub.recv(ZMQ.DONTWAIT) != null) {
                        // read what the kernel broadcast, as a front end would
                    }
                }
                request(shell, mac, session, "complete_request",
                        gson.fromJson("{\"code\": \"Math.ab\", \"cursor_pos\": 7}", JsonObject.class));
                request(shell, mac, session, "inspect_request",
                        gson.fromJson("{\"code\": \"Math.abs\", \"cursor_pos\": 8, \"detail_level\": 0}",
                                JsonObject.class));
                request(shell, mac, session, "is_complete_request",
                        gson.fromJson("{\"code\": \"for (int i = 0; i < 3; i++) {\"}", JsonObject.class));
            }
            // Not waited for: the kernel ends this JVM as it shuts down.
            send(control, mac, session, "shutdown_request", gson.fromJson("{\"restart\": false}", JsonObject.class));
            Thread.sleep(REPLY_TIMEOUT_MILLIS);
            throw new IllegalStateException("the kernel did not shut down");
        }
    }

    private static void request(ZMQ.Socket socket, Mac mac, String session, String type, JsonObject content) {
        String id = send(socket, mac, session, type, content);
        while (true) {
            ZMsg reply = ZMsg.recvMsg(socket);
            if (reply == null) {
                throw new IllegalStateException("no reply to " + type + " within " + REPLY_TIMEOUT_MILLIS + " ms");
            }
            List<String> frames = reply.stream().map(f -> f.getString(StandardCharsets.UTF_8)).toList();
            int delimiter = frames.indexOf("<IDS|MSG>");
            JsonObject parent = JsonParser.parseString(frames.get(delimiter + 3)).getAsJsonObject();
            if (parent.has("msg_id") && parent.get("msg_id").getAsString().equals(id)) {
                return;
            }
        }
    }

    private static String send(ZMQ.Socket socket, Mac mac, String session, String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("session", session);
        header.addProperty("username", "training");
        header.addProperty("date", java.time.Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        List<String> parts = List.of(header.toString(), "{}", "{}", content.toString());
        for (String part : parts) {
            mac.update(part.getBytes(StandardCharsets.UTF_8));
        }
        ZMsg message = new ZMsg();
        message.add("<IDS|MSG>");
        message.add(HexFormat.of().formatHex(mac.doFinal()));
        parts.forEach(message::add);
        message.send(socket);
        return id;
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

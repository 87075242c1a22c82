package org.jcn.kernel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The front end of the kernel's {@link Training} run: signed Jupyter messages over the kernel's shell and control
 * sockets, each request waiting for its reply, the kernel's broadcasts read as they come.
 */
final class TrainingClient {

    private static final int REPLY_TIMEOUT_MILLIS = 120_000;

    private TrainingClient() {
    }

    /**
     * Runs {@code cells} {@code rounds} times, with a completion, an inspection and an "is complete" question after
     * each round, then asks the kernel to shut down; returns only if the kernel does not.
     */
    static void drive(String connection, List<String> cells, int rounds) throws Exception {
        KernelConnectionProperties kernel = KernelConnectionProperties.parse(connection);
        HMACGenerator mac = kernel.createHMACGenerator();
        String session = UUID.randomUUID().toString();
        try (ZMQ.Context context = ZMQ.context(1);
                ZMQ.Socket shell = context.socket(SocketType.DEALER);
                ZMQ.Socket control = context.socket(SocketType.DEALER);
                ZMQ.Socket iopub = context.socket(SocketType.SUB)) {
            for (ZMQ.Socket socket : List.of(shell, control)) {
                socket.setReceiveTimeOut(REPLY_TIMEOUT_MILLIS);
            }
            String address = "tcp://" + kernel.getIp() + ":";
            shell.connect(address + kernel.getShellPort());
            iopub.subscribe(new byte[0]);
            iopub.connect(address + kernel.getIopubPort());
            control.connect(address + kernel.getControlPort());
            Gson gson = new Gson();
            request(shell, mac, session, "kernel_info_request", new JsonObject());
            for (int round = 0; round < rounds; round++) {
                for (String cell : cells) {
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

    private static void request(ZMQ.Socket socket, HMACGenerator mac, String session, String type, JsonObject content) {
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

    private static String send(ZMQ.Socket socket, HMACGenerator mac, String session, String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("session", session);
        header.addProperty("username", "training");
        header.addProperty("date", java.time.Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        List<String> parts = List.of(header.toString(), "{}", "{}", content.toString());
        ZMsg message = new ZMsg();
        message.add("<IDS|MSG>");
        message.add(mac.calculateSignature(parts.stream().map(p -> p.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new)));
        parts.forEach(message::add);
        message.send(socket);
        return id;
    }
}

package org.jcn.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * Reads one request from a ROUTER socket and drops it, with a line in the log, when it is not a well-formed,
 * correctly signed Jupyter message, as ipykernel does. The channel keeps serving.
 *
 * <p>Why not the protocol library's {@code readMessage}: it throws on a bad signature or bad JSON, which ended the
 * channel's thread, and it reads frames until it finds the {@code <IDS|MSG>} delimiter, so a message without one
 * swallowed the next message's frames too. Here all frames of one message are taken first, and the signature is
 * compared in constant time ({@link MessageDigest#isEqual}), so its timing tells nothing about the key.
 */
final class Frames {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Type MAP = new TypeToken<Map<String, Object>>() { }.getType();
    private static final Gson GSON = protocolGson();

    private Frames() {
    }

    /**
     * Receives one message (all its frames) from {@code socket}.
     *
     * @param channel the channel's name, for the log
     * @return the message, or null when it was dropped (the log says why)
     */
    static Message<?> read(ZMQ.Socket socket, HMACGenerator hmac, String channel, DropLog drops) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv();
            if (frame == null) {
                return null; // the socket is closing
            }
            frames.add(frame);
        } while (socket.hasReceiveMore());
        try {
            return parse(frames, hmac);
        } catch (RuntimeException e) {
            drops.dropped(channel, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }

    /**
     * Parses the frames of one message.
     *
     * @throws IllegalArgumentException naming what is wrong: no delimiter, too few frames, a bad signature, bad JSON
     */
    static Message<?> parse(List<byte[]> frames, HMACGenerator hmac) {
        int delimiter = -1;
        for (int i = 0; i < frames.size() && delimiter < 0; i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
            }
        }
        if (delimiter < 0) {
            throw new IllegalArgumentException("no <IDS|MSG> delimiter among its " + frames.size() + " frames");
        }
        if (frames.size() - delimiter - 1 < 5) {
            throw new IllegalArgumentException("too few frames: " + (frames.size() - delimiter - 1)
                    + " after the delimiter, where a signature, header, parent header, metadata and content are 5");
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[][] signed = frames.subList(delimiter + 2, delimiter + 6).toArray(byte[][]::new);
        String expected = hmac.calculateSignature(signed);
        if (expected != null
                && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            throw new IllegalArgumentException("bad signature");
        }
        try {
            Header<?> header = GSON.fromJson(text(signed[0]), Header.class);
            if (header == null || header.getType() == null) {
                throw new IllegalArgumentException("a header without a msg_type");
            }
            JsonElement parentJson = JsonParser.parseString(text(signed[1]));
            Header<?> parent = parentJson.isJsonObject() && !parentJson.getAsJsonObject().isEmpty()
                    ? GSON.fromJson(parentJson, Header.class) : null;
            Map<String, Object> metadata = GSON.fromJson(text(signed[2]), MAP);
            Object content = GSON.fromJson(text(signed[3]), header.getType().getContentType());
            List<byte[]> identities = new ArrayList<>(frames.subList(0, delimiter));
            List<byte[]> blobs = new ArrayList<>(frames.subList(delimiter + 6, frames.size()));
            @SuppressWarnings({"unchecked", "rawtypes"})
            Message<?> message = new Message(identities, header, parent, metadata, content, blobs);
            return message;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    // The protocol library's own Gson: it knows how headers, message types and timestamps are written.
    private static Gson protocolGson() {
        try {
            Field field = JupyterSocket.class.getDeclaredField("gson");
            field.setAccessible(true);
            return (Gson) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

package org.jcn.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes responses. Bodies are image-like: a complete 1x1 GIF followed by filler bytes, so every prefix of the
 * shared 64 KiB template is a body of that size and no request copies or allocates its body.
 */
final class Responses {

    /** A valid 43-byte transparent 1x1 GIF; image decoders stop at its trailer and ignore the filler after it. */
    private static final byte[] GIF = {
            'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            0, 0, 0, 0x21, (byte) 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B};
    private static final int CHUNK = 64 * 1024;
    /** Chunks per gathering write: 1 MiB. */
    private static final int GATHER = 16;
    private static final ByteBuffer FIRST;
    private static final ByteBuffer FILLER;
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    static {
        byte[] filler = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            filler[i] = (byte) (i * 31 + 7);
        }
        byte[] first = filler.clone();
        System.arraycopy(GIF, 0, first, 0, GIF.length);
        FIRST = ByteBuffer.allocateDirect(CHUNK).put(first).flip().asReadOnlyBuffer();
        FILLER = ByteBuffer.allocateDirect(CHUNK).put(filler).flip().asReadOnlyBuffer();
    }

    private Responses() {
    }

    /** A 200 with an image-like body of {@code bytes} bytes; the body is left out for HEAD. */
    static void image(GatheringByteChannel out, long bytes, boolean keepAlive, boolean http10, boolean head)
            throws IOException {
        // Header and body leave in gathering writes: one system call, one TCP segment for image-sized bodies,
        // and the body goes straight from the shared direct buffers to the socket, never copied.
        long remaining = head ? 0 : bytes;
        ByteBuffer[] buffers = new ByteBuffer[1 + (int) Math.min(GATHER, (remaining + CHUNK - 1) / CHUNK)];
        buffers[0] = ByteBuffer.wrap(header(200, "image/gif", bytes, keepAlive, http10));
        ByteBuffer source = FIRST;
        while (true) {
            int used = 1;
            for (; used < buffers.length && remaining > 0; used++) {
                int n = (int) Math.min(CHUNK, remaining);
                buffers[used] = source.duplicate().limit(n);
                remaining -= n;
                source = FILLER;
            }
            writeFully(out, buffers, used);
            if (remaining == 0) {
                return;
            }
            buffers[0] = ByteBuffer.allocate(0);
        }
    }

    /** A short plain-text response, for errors. */
    static void text(GatheringByteChannel out, int status, String message, boolean keepAlive, boolean http10,
                     boolean head) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] header = header(status, "text/plain; charset=utf-8", body.length, keepAlive, http10);
        writeFully(out, new ByteBuffer[] {ByteBuffer.wrap(header), ByteBuffer.wrap(body, 0, head ? 0 : body.length)},
                2);
    }

    static void interim100(GatheringByteChannel out) throws IOException {
        writeFully(out, new ByteBuffer[] {ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1))}, 1);
    }

    private static void writeFully(GatheringByteChannel out, ByteBuffer[] buffers, int count) throws IOException {
        while (buffers[count - 1].hasRemaining()) {
            out.write(buffers, 0, count);
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 414 -> "URI Too Long";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }

    private static byte[] header(int status, String contentType, long length, boolean keepAlive, boolean http10) {
        String connection = !keepAlive ? "Connection: close\r\n" : http10 ? "Connection: keep-alive\r\n" : "";
        String header = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Date: " + IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Server: jcn-latency-server\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + connection
                + "\r\n";
        return header.getBytes(StandardCharsets.ISO_8859_1);
    }
}

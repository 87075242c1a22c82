package org.jcn.internal.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes responses. Bodies are image-like: a complete 1x1 GIF followed by filler bytes, so every prefix of the
 * shared 64 KiB template is a body of that size and no request allocates its body.
 */
final class Responses {

    /** A valid 43-byte transparent 1x1 GIF; image decoders stop at its trailer and ignore the filler after it. */
    private static final byte[] GIF = {
            'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            0, 0, 0, 0x21, (byte) 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B};
    private static final int CHUNK = 64 * 1024;
    private static final byte[] FIRST = new byte[CHUNK];
    private static final byte[] FILLER = new byte[CHUNK];
    private static final int SMALL = 8192;
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    static {
        for (int i = 0; i < CHUNK; i++) {
            FILLER[i] = (byte) (i * 31 + 7);
        }
        System.arraycopy(FILLER, 0, FIRST, 0, CHUNK);
        System.arraycopy(GIF, 0, FIRST, 0, GIF.length);
    }

    private Responses() {
    }

    /** A 200 with an image-like body of {@code bytes} bytes; the body is left out for HEAD. */
    static void image(OutputStream out, long bytes, boolean keepAlive, boolean http10, boolean head)
            throws IOException {
        byte[] header = header(200, "image/gif", bytes, keepAlive, http10);
        long remaining = head ? 0 : bytes;
        if (header.length + remaining <= SMALL) {
            // One write, one packet for small responses.
            byte[] all = new byte[header.length + (int) remaining];
            System.arraycopy(header, 0, all, 0, header.length);
            System.arraycopy(FIRST, 0, all, header.length, (int) remaining);
            out.write(all);
        } else {
            out.write(header);
            byte[] source = FIRST;
            while (remaining > 0) {
                int n = (int) Math.min(CHUNK, remaining);
                out.write(source, 0, n);
                remaining -= n;
                source = FILLER;
            }
        }
        out.flush();
    }

    /** A short plain-text response, for errors. */
    static void text(OutputStream out, int status, String message, boolean keepAlive, boolean http10, boolean head)
            throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] header = header(status, "text/plain; charset=utf-8", body.length, keepAlive, http10);
        byte[] all = new byte[header.length + (head ? 0 : body.length)];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, all.length - header.length);
        out.write(all);
        out.flush();
    }

    static void interim100(OutputStream out) throws IOException {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
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

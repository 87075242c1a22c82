package org.jcn.internal.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The image-like bodies a latency server sends: a complete 1x1 GIF followed by filler bytes, so every prefix of
 * the shared 64 KiB template is a body of that size and no response allocates its body.
 */
final class Bodies {

    /** A valid 43-byte transparent 1x1 GIF; image decoders stop at its trailer and ignore the filler after it. */
    private static final byte[] GIF = {
            'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            0, 0, 0, 0x21, (byte) 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B};
    private static final int CHUNK = 64 * 1024;
    private static final byte[] FIRST = new byte[CHUNK];
    private static final byte[] FILLER = new byte[CHUNK];

    static {
        for (int i = 0; i < CHUNK; i++) {
            FILLER[i] = (byte) (i * 31 + 7);
        }
        System.arraycopy(FILLER, 0, FIRST, 0, CHUNK);
        System.arraycopy(GIF, 0, FIRST, 0, GIF.length);
    }

    private Bodies() {
    }

    /** Writes an image-like body of {@code bytes} bytes. */
    static void writeImage(OutputStream out, long bytes) throws IOException {
        byte[] chunk = FIRST;
        for (long left = bytes; left > 0; left -= CHUNK) {
            out.write(chunk, 0, (int) Math.min(CHUNK, left));
            chunk = FILLER;
        }
    }

    /** The reason phrase of a status, for the text of error responses. */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}

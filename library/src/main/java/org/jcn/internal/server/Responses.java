package org.jcn.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
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
    static Output image(long bytes, boolean keepAlive, boolean http10, boolean head) {
        return new Output(ByteBuffer.wrap(header(200, "image/gif", bytes, keepAlive, http10)), null,
                head ? 0 : bytes);
    }

    /** A short plain-text response, for errors. */
    static Output text(int status, String message, boolean keepAlive, boolean http10, boolean head) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] header = header(status, "text/plain; charset=utf-8", body.length, keepAlive, http10);
        return new Output(ByteBuffer.wrap(header), head ? null : ByteBuffer.wrap(body), 0);
    }

    /** The answer to {@code request}, whose query string asked for {@code query}: an image, or the status asked. */
    static Output answer(RequestHead request, Query query, long defaultBytes) {
        boolean head = request.method().equals("HEAD");
        if (query.status() != 200) {
            String message = query.status() + " " + reason(query.status()) + ", as the query string asked";
            return text(query.status(), message, request.keepAlive(), request.http10(), head);
        }
        long bytes = query.bytes() < 0 ? defaultBytes : query.bytes();
        return image(bytes, request.keepAlive(), request.http10(), head);
    }

    /** The answer to {@code request}, whose query string was refused. */
    static Output refusal(RequestHead request, BadRequest e) {
        return text(e.status(), e.getMessage(), request.keepAlive(), request.http10(), request.method().equals("HEAD"));
    }

    static Output interim100() {
        return new Output(ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                null, 0);
    }

    /**
     * A response on its way out through a non-blocking socket, written as far as the socket takes it each time.
     * Header and body leave in gathering writes: one system call, one TCP segment for image-sized bodies, and an
     * image body goes straight from the shared direct buffers to the socket, never copied.
     */
    static final class Output {
        private final ByteBuffer[] batch = new ByteBuffer[2 + GATHER];
        private int batchSize;
        private ByteBuffer header;
        private ByteBuffer text;
        private long imageLeft;
        private ByteBuffer source = FIRST;

        private Output(ByteBuffer header, ByteBuffer text, long imageBytes) {
            this.header = header;
            this.text = text;
            this.imageLeft = imageBytes;
        }

        /** Writes what the socket takes now; returns whether the whole response has been written. */
        boolean writeTo(GatheringByteChannel out) throws IOException {
            while (true) {
                if (batchSize == 0 || !batch[batchSize - 1].hasRemaining()) {
                    if (!nextBatch()) {
                        return true;
                    }
                }
                if (out.write(batch, 0, batchSize) == 0 && batch[batchSize - 1].hasRemaining()) {
                    return false;
                }
            }
        }

        /** The next buffers to write: header and text first, then up to {@link #GATHER} chunks of image. */
        private boolean nextBatch() {
            batchSize = 0;
            if (header != null) {
                batch[batchSize++] = header;
                header = null;
            }
            if (text != null) {
                batch[batchSize++] = text;
                text = null;
            }
            for (int chunks = 0; chunks < GATHER && imageLeft > 0; chunks++) {
                int n = (int) Math.min(CHUNK, imageLeft);
                batch[batchSize++] = source.duplicate().limit(n);
                imageLeft -= n;
                source = FILLER;
            }
            return batchSize > 0;
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
            case 413 -> "Content Too Large";
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

    /** The header written last; responses alike within the same second share it. */
    private record Header(long second, int status, String contentType, long length, boolean keepAlive,
                          boolean http10, byte[] bytes) {

        boolean fits(long second, int status, String contentType, long length, boolean keepAlive, boolean http10) {
            return this.second == second && this.status == status && this.length == length
                    && this.keepAlive == keepAlive && this.http10 == http10 && this.contentType.equals(contentType);
        }
    }

    private static volatile Header last;

    /**
     * A response header. The same header (as thousands of image responses within one second have) is built once
     * and shared, read-only: the server then makes next to no garbage per response, which keeps the collector's
     * pauses away from requests in flight.
     */
    private static byte[] header(int status, String contentType, long length, boolean keepAlive, boolean http10) {
        long second = System.currentTimeMillis() / 1000;
        Header cached = last;
        if (cached != null && cached.fits(second, status, contentType, length, keepAlive, http10)) {
            return cached.bytes();
        }
        String connection = !keepAlive ? "Connection: close\r\n" : http10 ? "Connection: keep-alive\r\n" : "";
        String header = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Date: " + IMF_FIXDATE.format(Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC)) + "\r\n"
                + "Server: jcn-latency-server\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + connection
                + "\r\n";
        byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
        last = new Header(second, status, contentType, length, keepAlive, http10, bytes);
        return bytes;
    }
}

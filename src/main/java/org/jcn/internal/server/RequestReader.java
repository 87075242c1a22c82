package org.jcn.internal.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads HTTP/1.1 requests (RFC 9112) from one connection: request line, header fields, and a body that is read
 * and dropped. Deliberately small: origin-form targets only, limits on line length and header count, no
 * obsolete line folding. Not thread safe; one per connection.
 */
final class RequestReader {

    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;

    private final ReadableByteChannel in;
    private final byte[] buffer = new byte[2048];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    RequestReader(ReadableByteChannel in) {
        this.in = in;
    }

    /** The next request's head, or null if the client closed the connection between requests. */
    RequestHead readHead() throws IOException, BadRequest {
        String requestLine = readLine(true);
        // RFC 9112 section 2.2: ignore at least one empty line before the request line.
        for (int empty = 0; requestLine != null && requestLine.isEmpty(); empty++) {
            if (empty == 4) {
                throw new BadRequest("empty request line");
            }
            requestLine = readLine(true);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            throw new BadRequest("malformed request line: " + printable(requestLine));
        }
        String method = parts[0];
        String target = parts[1];
        String version = parts[2];
        if (method.isEmpty() || !isToken(method)) {
            throw new BadRequest("malformed method: " + printable(method));
        }
        if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new BadRequest("request target must be a path starting with / but was " + printable(target));
        }
        if (!version.matches("HTTP/[0-9]\\.[0-9]")) {
            throw new BadRequest("malformed HTTP version: " + printable(version));
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new BadRequest(505, "only HTTP/1.1 and HTTP/1.0 are supported, not " + version);
        }
        boolean http10 = version.equals("HTTP/1.0");
        boolean host = false;
        boolean close = false;
        boolean keepAliveToken = false;
        boolean chunked = false;
        boolean expectContinue = false;
        long contentLength = -1;
        for (int count = 0; ; count++) {
            String field = readLine(false);
            if (field.isEmpty()) {
                break;
            }
            if (count == MAX_HEADERS) {
                throw new BadRequest(431, "more than " + MAX_HEADERS + " header fields");
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || !isToken(field.substring(0, colon))) {
                throw new BadRequest("malformed header field: " + printable(field));
            }
            String name = field.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).strip();
            switch (name) {
                case "host" -> host = true;
                case "connection" -> {
                    for (String option : value.toLowerCase(Locale.ROOT).split(",")) {
                        close |= option.strip().equals("close");
                        keepAliveToken |= option.strip().equals("keep-alive");
                    }
                }
                case "content-length" -> {
                    if (!value.matches("[0-9]{1,18}")) {
                        throw new BadRequest("malformed Content-Length: " + printable(value));
                    }
                    long length = Long.parseLong(value);
                    if (contentLength >= 0 && contentLength != length) {
                        throw new BadRequest("conflicting Content-Length fields");
                    }
                    contentLength = length;
                }
                case "transfer-encoding" -> {
                    if (!value.equalsIgnoreCase("chunked")) {
                        throw new BadRequest(501, "unsupported Transfer-Encoding: " + printable(value));
                    }
                    chunked = true;
                }
                case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                default -> { }
            }
        }
        if (!http10 && !host) {
            throw new BadRequest("HTTP/1.1 request without a Host header field");
        }
        if (chunked && contentLength >= 0) {
            throw new BadRequest("both Transfer-Encoding and Content-Length");
        }
        boolean keepAlive = http10 ? keepAliveToken && !close : !close;
        return new RequestHead(method, target, http10, keepAlive, Math.max(0, contentLength), chunked,
                expectContinue);
    }

    /** Reads and drops the request's body. */
    void discardBody(RequestHead head) throws IOException, BadRequest {
        if (head.chunked()) {
            while (true) {
                String sizeLine = readLine(false);
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
                if (!hex.matches("[0-9a-fA-F]{1,15}")) {
                    throw new BadRequest("malformed chunk size: " + printable(sizeLine));
                }
                long size = Long.parseLong(hex, 16);
                if (size == 0) {
                    while (!readLine(false).isEmpty()) {
                        // trailer fields are dropped
                    }
                    return;
                }
                skip(size);
                if (!readLine(false).isEmpty()) {
                    throw new BadRequest("chunk not followed by CRLF");
                }
            }
        }
        skip(head.contentLength());
    }

    private void skip(long count) throws IOException {
        while (count > 0) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed inside a request body");
            }
            int n = (int) Math.min(count, limit - position);
            position += n;
            count -= n;
        }
    }

    /**
     * One line without its CRLF (a bare LF also ends a line), decoded as ISO-8859-1. At the start of a request,
     * end of stream before any byte returns null; anywhere else it is an {@link EOFException}.
     */
    private String readLine(boolean atRequestStart) throws IOException, BadRequest {
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (atRequestStart && length == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a request");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (length == MAX_LINE) {
                throw new BadRequest(atRequestStart ? 414 : 431, "line longer than " + MAX_LINE + " bytes");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            }
            line[length++] = b;
        }
    }

    private boolean fill() throws IOException {
        wrapped.clear();
        int n = in.read(wrapped);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A value for an error message: at most 80 characters, control characters shown as '?'. */
    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.chars().mapToObj(c -> c < ' ' || c == 127 ? "?" : String.valueOf((char) c))
                .reduce("", String::concat);
    }
}

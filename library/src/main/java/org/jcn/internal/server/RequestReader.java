package org.jcn.internal.server;

import static org.jcn.internal.server.HttpSyntax.isDigits;
import static org.jcn.internal.server.HttpSyntax.isToken;
import static org.jcn.internal.server.HttpSyntax.isVersion;
import static org.jcn.internal.server.HttpSyntax.isVisibleAscii;
import static org.jcn.internal.server.HttpSyntax.printable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parses HTTP/1.1 requests (RFC 9112) from the bytes a connection has received so far: request line, header
 * fields, and a chunked body that is dropped (a body with a Content-Length is skipped by the caller). Bytes that
 * end inside a request throw {@link Incomplete}: the caller waits for more and parses again from the request's
 * start. Deliberately small: origin-form targets only, limits on line length and header count, no obsolete line
 * folding. Not thread safe; one per event loop, used for one connection at a time.
 *
 * <p>Why this hand-written server stays: the JDK's {@code com.sun.net.httpserver} was measured beside it in one
 * run and did not hold the download targets (BENCHMARKS.md, local latency server). Longer than ~200 lines: one
 * parser, with the checks that answer a malformed request with a clear 400.
 */
final class RequestReader {

    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;

    /** The bytes so far end inside a request. Thrown without a stack trace: it is the common case. */
    static final class Incomplete extends Exception {
        static final Incomplete INSTANCE = new Incomplete();

        private Incomplete() {
            super("incomplete request", null, false, false);
        }
    }

    private byte[] buffer;
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    /** Parses next from {@code bytes[from, to)}. */
    void reset(byte[] bytes, int from, int to) {
        this.buffer = bytes;
        this.position = from;
        this.limit = to;
    }

    /** Where parsing stopped: the first byte after what has been parsed. */
    int position() {
        return position;
    }

    /** The next request's head. */
    RequestHead readHead() throws BadRequest, Incomplete {
        String requestLine = readLine(true);
        // RFC 9112 section 2.2: ignore at least one empty line before the request line.
        for (int empty = 0; requestLine.isEmpty(); empty++) {
            if (empty == 4) {
                throw new BadRequest("empty request line");
            }
            requestLine = readLine(true);
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
        if (!target.startsWith("/") || !isVisibleAscii(target)) {
            throw new BadRequest("request target must be a path starting with / but was " + printable(target));
        }
        if (!isVersion(version)) {
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
            if (colon <= 0 || !isToken(field, colon)) {
                throw new BadRequest("malformed header field: " + printable(field));
            }
            // Only the fields the server acts on are copied out: a request costs little garbage, which keeps
            // the collector (and its pauses) away while thousands of requests are in flight.
            String name = knownField(field, colon);
            if (name == null) {
                continue;
            }
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
                    if (!isDigits(value, 18)) {
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

    /** Reads and drops a chunked body, trailer fields included. */
    void discardChunkedBody() throws BadRequest, Incomplete {
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new BadRequest("malformed chunk size: " + printable(sizeLine));
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailer fields are dropped
                }
                return;
            }
            if (size > limit - position) {
                throw Incomplete.INSTANCE;
            }
            position += (int) size;
            if (!readLine(false).isEmpty()) {
                throw new BadRequest("chunk not followed by CRLF");
            }
        }
    }

    /** One line without its CRLF (a bare LF also ends a line), decoded as ISO-8859-1. */
    private String readLine(boolean atRequestStart) throws BadRequest, Incomplete {
        int length = 0;
        while (true) {
            if (position == limit) {
                throw Incomplete.INSTANCE;
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

    private static final String[] KNOWN_FIELDS =
            {"host", "connection", "content-length", "transfer-encoding", "expect"};

    /** The lower-case name of a header field the server acts on, or null for any other. */
    private static String knownField(String field, int colon) {
        for (String known : KNOWN_FIELDS) {
            if (colon == known.length() && field.regionMatches(true, 0, known, 0, colon)) {
                return known;
            }
        }
        return null;
    }
}

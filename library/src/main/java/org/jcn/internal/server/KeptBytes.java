package org.jcn.internal.server;

import java.util.Arrays;

/**
 * Bytes a connection has received but not parsed yet: the start of a request whose end has not arrived, or
 * requests that arrived while an earlier one on the same connection was still being answered. Empty (and holding
 * no array) between requests, the usual case. Used only by the event loop's thread.
 */
final class KeptBytes {

    /** The most unparsed bytes a connection keeps: a request head within the parser's limits always fits. */
    static final int MAX = 1 << 20;

    private byte[] bytes;
    private int length;

    boolean isEmpty() {
        return bytes == null;
    }

    /** The kept bytes are {@code bytes()[0, length())}. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Keeps {@code from[start, end)} after what is kept; returns false, keeping nothing, past {@link #MAX}. */
    boolean add(byte[] from, int start, int end) {
        int n = end - start;
        if (bytes == null) {
            bytes = Arrays.copyOfRange(from, start, start + Math.max(n, 256));
            length = n;
            return true;
        }
        if (length + n > MAX) {
            return false;
        }
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(MAX, Math.max(bytes.length * 2, length + n)));
        }
        System.arraycopy(from, start, bytes, length, n);
        length += n;
        return true;
    }

    /** Drops the first {@code used} bytes, which have been parsed. */
    void drop(int used) {
        if (used == length) {
            bytes = null;
            length = 0;
        } else if (used > 0) {
            System.arraycopy(bytes, used, bytes, 0, length - used);
            length -= used;
        }
    }
}

package org.jcn.kernel;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A rough size of a value, to name the session variables that hold the heap: arrays by their length, collections
 * and maps by their size times a sample of their elements, strings by their length. Allocates almost nothing and
 * looks at no more than a few elements, so it can run when the heap is nearly full. Other objects count as their
 * header only: the estimate is a lower bound.
 *
 * {@snippet :
 * Footprint.estimate(new long[1_000_000]); // 8_000_016
 * }
 */
final class Footprint {

    private static final int SAMPLE = 8;
    private static final int DEPTH = 3;

    private Footprint() {
    }

    /** Bytes that {@code value} holds, roughly; 0 for null. */
    static long estimate(Object value) {
        try {
            return estimate(value, 0);
        } catch (RuntimeException e) {
            return 16; // changed while it was looked at
        }
    }

    private static long estimate(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            int length = Array.getLength(value);
            Class<?> element = type.getComponentType();
            if (element.isPrimitive()) {
                return 16 + (long) length * primitiveSize(element);
            }
            long sampled = 0;
            int seen = Math.min(SAMPLE, length);
            for (int i = 0; i < seen && depth < DEPTH; i++) {
                sampled += estimate(Array.get(value, i), depth + 1);
            }
            return 16 + 4L * length + (seen == 0 ? 0 : sampled / seen * length);
        }
        if (value instanceof CharSequence text) {
            return 40 + text.length();
        }
        if (value instanceof Collection<?> collection) {
            return 16 + 16L * collection.size() + sample(collection.iterator(), collection.size(), depth);
        }
        if (value instanceof Map<?, ?> map) {
            return 48 + 32L * map.size() + sample(map.keySet().iterator(), map.size(), depth)
                    + sample(map.values().iterator(), map.size(), depth);
        }
        return 16;
    }

    private static long sample(Iterator<?> elements, int size, int depth) {
        if (depth >= DEPTH) {
            return 0;
        }
        long sampled = 0;
        int seen = 0;
        while (seen < SAMPLE && elements.hasNext()) {
            sampled += estimate(elements.next(), depth + 1);
            seen++;
        }
        return seen == 0 ? 0 : sampled / seen * size;
    }

    private static int primitiveSize(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        return type == short.class || type == char.class ? 2 : 1;
    }

    /** "4.8 GiB", "310 MiB", "12 KiB". */
    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GiB", bytes / (double) (1L << 30));
        }
        return bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : Math.max(1, bytes >> 10) + " KiB";
    }
}

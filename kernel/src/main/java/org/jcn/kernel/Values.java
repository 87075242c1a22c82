package org.jcn.kernel;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A cell's value as text, as JShell writes it ({@code int[3] { 1, 2, 3 }}, strings in quotes) but within a size
 * budget: a large array, collection, map or string shows its first elements and how many more there are, so a
 * value of 2 GB is summarised in microseconds instead of being copied into a message.
 *
 * {@snippet :
 * Values.text(new int[] {1, 2, 3});        // "int[3] { 1, 2, 3 }"
 * Values.text(new long[10_000_000]);       // "long[10000000] { 0, 0, ... 9,999,900 more }"
 * }
 */
final class Values {

    /** Elements shown of an array, collection or map before "... N more". */
    static final int ELEMENTS = 100;
    /** Characters shown of a string or of any value's text before the rest is cut. */
    static final int CHARACTERS = 20_000;

    private Values() {
    }

    /** Whether {@link #text} should be used instead of the value's own {@code toString}. */
    static boolean summarised(Object value) {
        return value != null && (value.getClass().isArray()
                || value instanceof Collection<?> c && c.size() > ELEMENTS
                || value instanceof Map<?, ?> m && m.size() > ELEMENTS
                || value instanceof CharSequence s && s.length() > CHARACTERS);
    }

    /** The value's text within the budget. */
    static String text(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return cut(out.toString());
    }

    /** {@code text} itself, or its first {@link #CHARACTERS} characters and a line saying how many were cut. */
    static String cut(String text) {
        if (text.length() <= CHARACTERS) {
            return text;
        }
        return text.substring(0, CHARACTERS) + String.format("... (%,d more characters not shown)",
                text.length() - CHARACTERS);
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            String type = value.getClass().getComponentType().getSimpleName();
            int bracket = type.indexOf('[');
            out.append(bracket < 0 ? type + "[" + length + "]" : type.substring(0, bracket) + "[" + length + "]"
                    + type.substring(bracket)).append(" { ");
            int shown = Math.min(length, depth > 2 ? 0 : ELEMENTS);
            for (int i = 0; i < shown; i++) {
                out.append(i == 0 ? "" : ", ");
                append(out, Array.get(value, i), depth + 1);
            }
            more(out, shown, length);
            out.append(length == 0 ? "}" : " }");
        } else if (value instanceof CharSequence text) {
            int room = CHARACTERS - 200; // quotes, escapes and the count stay within the budget of the whole text
            String s = text.length() > room ? text.subSequence(0, room).toString() : text.toString();
            out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
            if (text.length() > s.length()) {
                out.append(String.format("... %,d more", text.length() - s.length()));
            }
        } else if (value instanceof Collection<?> collection && collection.size() > ELEMENTS) {
            out.append(value.getClass().getSimpleName()).append(" of ").append(String.format("%,d", collection.size()))
                    .append(": [");
            elements(out, collection.iterator(), collection.size(), depth);
            out.append(']');
        } else if (value instanceof Map<?, ?> map && map.size() > ELEMENTS) {
            out.append(value.getClass().getSimpleName()).append(" of ").append(String.format("%,d", map.size()))
                    .append(": {");
            elements(out, map.entrySet().iterator(), map.size(), depth);
            out.append('}');
        } else {
            out.append(cut(String.valueOf(value)));
        }
    }

    private static void elements(StringBuilder out, Iterator<?> elements, int size, int depth) {
        int shown = 0;
        while (shown < ELEMENTS && elements.hasNext()) {
            out.append(shown == 0 ? "" : ", ");
            Object element = elements.next();
            if (element instanceof Map.Entry<?, ?> entry) {
                append(out, entry.getKey(), depth + 1);
                out.append('=');
                append(out, entry.getValue(), depth + 1);
            } else {
                append(out, element, depth + 1);
            }
            shown++;
        }
        more(out, shown, size);
    }

    private static void more(StringBuilder out, int shown, int size) {
        if (size > shown) {
            out.append(shown == 0 ? "" : ", ").append(String.format("... %,d more", size - shown));
        }
    }
}

package org.jcn.internal.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Values written as plain data rather than through Java serialization: null, boxed primitives, strings,
 * {@code int[]}, {@code long[]}, {@code double[]}, {@code byte[]} and {@code ArrayList}s of these. Each value is a
 * tag byte and its data; it comes back equal, and of the same class. {@link Codec} decides when to use it.
 *
 * <p>Runs in the child early in its life, so it is written without lambdas or string concatenation, which would
 * bootstrap invokedynamic machinery the child does not otherwise need (see ChildMain).
 */
final class PlainValues {

    static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte FLOAT = 6;
    private static final byte SHORT = 7;
    private static final byte BYTE = 8;
    private static final byte CHAR = 9;
    private static final byte STRING = 10;
    private static final byte INTS = 11;
    private static final byte LONGS = 12;
    private static final byte DOUBLES = 13;
    private static final byte BYTES = 14;
    private static final byte LIST = 15;
    /** The first tag {@link Codec} may use for other forms. */
    static final byte FIRST_FREE_TAG = 16;

    /** Lists nested deeper than this (or holding themselves) are Java-serialized. */
    private static final int MAX_DEPTH = 8;

    private PlainValues() {
    }

    /** Whether a value is written as plain data: it then comes back equal, and of the same class. */
    static boolean isPlain(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof Character
                || value instanceof int[] || value instanceof long[] || value instanceof double[]
                || value instanceof byte[]) {
            return true;
        }
        if (value.getClass() == ArrayList.class && depth < MAX_DEPTH) {
            for (Object element : (ArrayList<?>) value) {
                if (element == value || !isPlain(element, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    static void write(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (value instanceof int[] a) {
            out.writeByte(INTS);
            out.writeInt(a.length);
            for (int x : a) {
                out.writeInt(x);
            }
        } else if (value instanceof long[] a) {
            out.writeByte(LONGS);
            out.writeInt(a.length);
            for (long x : a) {
                out.writeLong(x);
            }
        } else if (value instanceof double[] a) {
            out.writeByte(DOUBLES);
            out.writeInt(a.length);
            for (double x : a) {
                out.writeDouble(x);
            }
        } else if (value instanceof byte[] a) {
            out.writeByte(BYTES);
            out.writeInt(a.length);
            out.write(a);
        } else {
            ArrayList<?> list = (ArrayList<?>) value;
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element);
            }
        }
    }

    static Object read(DataInputStream in, byte tag) throws IOException {
        switch (tag) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case FLOAT:
                return in.readFloat();
            case SHORT:
                return in.readShort();
            case BYTE:
                return in.readByte();
            case CHAR:
                return in.readChar();
            case STRING:
                return new String(readArray(in), StandardCharsets.UTF_8);
            case INTS: {
                int[] a = new int[in.readInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readInt();
                }
                return a;
            }
            case LONGS: {
                long[] a = new long[in.readInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readLong();
                }
                return a;
            }
            case DOUBLES: {
                double[] a = new double[in.readInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readDouble();
                }
                return a;
            }
            case BYTES:
                return readArray(in);
            case LIST: {
                int size = in.readInt();
                ArrayList<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(read(in, in.readByte()));
                }
                return list;
            }
            default:
                throw new IOException("unknown value tag ".concat(String.valueOf(tag)));
        }
    }

    private static byte[] readArray(DataInputStream in) throws IOException {
        byte[] a = new byte[in.readInt()];
        in.readFully(a);
        return a;
    }
}

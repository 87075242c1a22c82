package org.jcn.internal.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jcn.processes.SerializableFunction;
import org.jcn.processes.SerializableRunnable;

/**
 * How targets, arguments and results travel between a parent JVM and a child JVM.
 *
 * <p>Why not Java serialization throughout: in a fresh child JVM, the first {@code ObjectInputStream} and
 * {@code ObjectOutputStream} cost some 30 ms of JDK start-up (serial-filter configuration, logging, reflection
 * set-up), and deserialising a lambda another 15 ms (its {@code $deserializeLambda$} spins method handles and a
 * lambda class). That was most of a child's start-up beyond a plain {@code java} start. So the common cases take
 * a short path: a lambda or method reference becomes its implementation method's name and parameter types plus
 * its captured values, which the child calls through reflection; and numbers, strings, primitive arrays and
 * {@code ArrayList}s of them are written as plain data. Everything else (records, a lambda capturing one,
 * exceptions) is Java-serialized as before, behind a tag.
 *
 * <p>The child runs this class early in its life, so it is written without lambdas or string concatenation,
 * which would bootstrap invokedynamic machinery the child does not otherwise need.
 */
final class Codec {

    private static final byte NULL = 0;
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
    private static final byte SERIALIZED = 16;
    private static final byte LAMBDA = 17;

    /** Lists nested deeper than this (or holding themselves) are Java-serialized. */
    private static final int MAX_DEPTH = 8;

    private Codec() {
    }

    /**
     * Encodes a value: plain data when {@link #isPlain} holds, Java serialization otherwise.
     *
     * @throws java.io.NotSerializableException if the value is neither plain nor serializable
     */
    static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        if (isPlain(value, 0)) {
            writePlain(out, value);
        } else {
            writeSerialized(out, value);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * Encodes a task's target. A serializable lambda or method reference whose captured values are plain data
     * becomes a direct call description; anything else is Java-serialized.
     *
     * @throws java.io.NotSerializableException if the target (or what it captures) is not serializable
     */
    static byte[] encodeTarget(Object target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        DataOutputStream out = new DataOutputStream(bytes);
        if (!writeLambda(out, target)) {
            bytes.reset();
            writeSerialized(out, target);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * Decodes what {@link #encode} or {@link #encodeTarget} wrote; a target comes back as a {@link DirectCall}
     * or as the deserialized object.
     *
     * @param loader where the classes named in the bytes resolve
     */
    static Object decode(byte[] bytes, ClassLoader loader) throws IOException, ReflectiveOperationException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte tag = in.readByte();
        if (tag == LAMBDA) {
            return readLambda(in, loader);
        } else if (tag == SERIALIZED) {
            return LoaderObjectInputStream.read(in.readAllBytes(), loader);
        }
        return readPlain(in, tag);
    }

    /** Whether {@code encoded} went through Java serialization (the long path). */
    static boolean isSerialized(byte[] encoded) {
        return encoded.length > 0 && encoded[0] == SERIALIZED;
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

    private static void writePlain(DataOutputStream out, Object value) throws IOException {
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
                writePlain(out, element);
            }
        }
    }

    private static Object readPlain(DataInputStream in, byte tag) throws IOException {
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
                    list.add(readPlain(in, in.readByte()));
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

    private static void writeSerialized(DataOutputStream out, Object value) throws IOException {
        out.writeByte(SERIALIZED);
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(value);
        objects.flush();
    }

    /**
     * Writes a lambda as a direct call, if it is one that can be called that way: returns false (having written
     * nothing useful) for anything else, which then goes through Java serialization.
     */
    private static boolean writeLambda(DataOutputStream out, Object target) throws IOException {
        SerializedLambda lambda = serializedForm(target);
        if (lambda == null) {
            return false;
        }
        int kind = lambda.getImplMethodKind();
        Object[] captured = new Object[lambda.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = lambda.getCapturedArg(i);
            if (!isPlain(captured[i], 0)) {
                return false;
            }
        }
        Executable implementation = implementation(lambda, target.getClass().getClassLoader());
        if (implementation == null || !implementation.trySetAccessible()) {
            return false;
        }
        out.writeByte(LAMBDA);
        out.writeUTF(implementation.getDeclaringClass().getName());
        out.writeUTF(lambda.getImplMethodName());
        out.writeByte(kind);
        out.writeBoolean(target instanceof SerializableFunction);
        out.writeBoolean(target instanceof SerializableRunnable);
        Class<?>[] parameters = implementation.getParameterTypes();
        out.writeInt(parameters.length);
        for (Class<?> parameter : parameters) {
            out.writeUTF(parameter.getName());
        }
        out.writeInt(captured.length);
        for (Object value : captured) {
            writePlain(out, value);
        }
        return true;
    }

    /** The serialized form of a serializable lambda or method reference, or null for any other object. */
    static SerializedLambda serializedForm(Object target) {
        Class<?> type = target.getClass();
        if (!type.isSynthetic() && !type.isHidden()) {
            return null;
        }
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            if (!writeReplace.trySetAccessible()) {
                return null;
            }
            return writeReplace.invoke(target) instanceof SerializedLambda form ? form : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The method or constructor a lambda calls, found the way the child will find it; null if the child could
     * not call it directly (a super call, or a method the reference's class inherits).
     */
    private static Executable implementation(SerializedLambda lambda, ClassLoader loader) {
        int kind = lambda.getImplMethodKind();
        try {
            Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
            for (Executable candidate : kind == MethodHandleInfo.REF_newInvokeSpecial
                    ? owner.getDeclaredConstructors() : owner.getDeclaredMethods()) {
                boolean isStatic = Modifier.isStatic(candidate.getModifiers());
                boolean kindFits = switch (kind) {
                    case MethodHandleInfo.REF_invokeStatic -> isStatic;
                    case MethodHandleInfo.REF_invokeVirtual, MethodHandleInfo.REF_invokeInterface -> !isStatic;
                    // a private method is called as written; a super call would need invokespecial semantics
                    case MethodHandleInfo.REF_invokeSpecial -> Modifier.isPrivate(candidate.getModifiers());
                    case MethodHandleInfo.REF_newInvokeSpecial -> true;
                    default -> false;
                };
                if (kindFits && (candidate instanceof Constructor<?> || candidate.getName()
                        .equals(lambda.getImplMethodName())) && descriptor(candidate)
                        .equals(lambda.getImplMethodSignature())) {
                    return candidate;
                }
            }
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            // not callable directly
        }
        return null;
    }

    private static String descriptor(Executable executable) {
        StringBuilder descriptor = new StringBuilder("(");
        for (Class<?> parameter : executable.getParameterTypes()) {
            descriptor.append(parameter.descriptorString());
        }
        descriptor.append(')');
        descriptor.append(executable instanceof Method m ? m.getReturnType().descriptorString() : "V");
        return descriptor.toString();
    }

    private static DirectCall readLambda(DataInputStream in, ClassLoader loader)
            throws IOException, ReflectiveOperationException {
        Class<?> owner = Class.forName(in.readUTF(), false, loader);
        String name = in.readUTF();
        int kind = in.readByte();
        boolean takesArgument = in.readBoolean();
        boolean returnsNothing = in.readBoolean();
        Class<?>[] parameters = new Class<?>[in.readInt()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = type(in.readUTF(), loader);
        }
        Object[] captured = new Object[in.readInt()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = readPlain(in, in.readByte());
        }
        Executable implementation = kind == MethodHandleInfo.REF_newInvokeSpecial
                ? owner.getDeclaredConstructor(parameters) : owner.getDeclaredMethod(name, parameters);
        implementation.setAccessible(true);
        return new DirectCall(implementation, kind, captured, takesArgument, returnsNothing);
    }

    private static Class<?> type(String name, ClassLoader loader) throws ClassNotFoundException {
        switch (name) {
            case "int": return int.class;
            case "long": return long.class;
            case "double": return double.class;
            case "float": return float.class;
            case "boolean": return boolean.class;
            case "byte": return byte.class;
            case "short": return short.class;
            case "char": return char.class;
            default: return Class.forName(name, false, loader);
        }
    }

    /** A lambda or method reference rebuilt in a child: its implementation, called through reflection. */
    static final class DirectCall {
        private final Executable implementation;
        private final int kind;
        private final Object[] captured;
        private final boolean takesArgument;
        private final boolean returnsNothing;

        DirectCall(Executable implementation, int kind, Object[] captured, boolean takesArgument,
                   boolean returnsNothing) {
            this.implementation = implementation;
            this.kind = kind;
            this.captured = captured;
            this.takesArgument = takesArgument;
            this.returnsNothing = returnsNothing;
        }

        /** Calls the lambda with {@code argument} (ignored unless it is a function); rethrows what it throws. */
        Object call(Object argument) throws Exception {
            Object[] arguments = new Object[captured.length + (takesArgument ? 1 : 0)];
            System.arraycopy(captured, 0, arguments, 0, captured.length);
            if (takesArgument) {
                arguments[captured.length] = argument;
            }
            try {
                Object value;
                if (kind == MethodHandleInfo.REF_newInvokeSpecial) {
                    value = ((Constructor<?>) implementation).newInstance(arguments);
                } else if (kind == MethodHandleInfo.REF_invokeStatic) {
                    value = ((Method) implementation).invoke(null, arguments);
                } else {
                    Object[] rest = new Object[arguments.length - 1];
                    System.arraycopy(arguments, 1, rest, 0, rest.length);
                    value = ((Method) implementation).invoke(arguments[0], rest);
                }
                return returnsNothing ? null : value;
            } catch (InvocationTargetException e) {
                Throwable thrown = e.getCause();
                if (thrown instanceof Exception exception) {
                    throw exception;
                }
                throw (Error) thrown;
            }
        }
    }
}

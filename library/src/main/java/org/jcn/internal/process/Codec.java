package org.jcn.internal.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;

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
 * <p>The tags of plain values are {@link PlainValues}; a direct call is written by {@link Lambdas} and read by
 * {@link DirectCall}.
 *
 * <p>Runs in the child early in its life, so it is written without lambdas or string concatenation, which would
 * bootstrap invokedynamic machinery the child does not otherwise need (see ChildMain).
 */
final class Codec {

    private static final byte SERIALIZED = PlainValues.FIRST_FREE_TAG;
    static final byte LAMBDA = PlainValues.FIRST_FREE_TAG + 1;

    private Codec() {
    }

    /**
     * Encodes a value: plain data when {@link PlainValues#isPlain} holds, Java serialization otherwise.
     *
     * @throws java.io.NotSerializableException if the value is neither plain nor serializable
     */
    static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        if (PlainValues.isPlain(value, 0)) {
            PlainValues.write(out, value);
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
        if (!Lambdas.write(out, target)) {
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
            return DirectCall.read(in, loader);
        } else if (tag == SERIALIZED) {
            return LoaderObjectInputStream.read(in.readAllBytes(), loader);
        }
        return PlainValues.read(in, tag);
    }

    /** Whether {@code encoded} went through Java serialization (the long path). */
    static boolean isSerialized(byte[] encoded) {
        return encoded.length > 0 && encoded[0] == SERIALIZED;
    }

    private static void writeSerialized(DataOutputStream out, Object value) throws IOException {
        out.writeByte(SERIALIZED);
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(value);
        objects.flush();
    }
}

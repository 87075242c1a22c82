package org.jcn.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;

/** Turns targets and arguments into bytes for a child, with errors that name what could not be sent. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * Serializes {@code value}.
     *
     * @param what how an error names the value, such as {@code "argument"} or {@code "input 3"}
     * @throws IllegalArgumentException if the value can't be serialized; the message names its class
     */
    public static byte[] serialize(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            String type = value.getClass().getName();
            String culprit = e.getMessage();
            String detail = type.equals(culprit) ? type + " is not Serializable"
                    : type + " holds a " + culprit + ", which is not Serializable";
            if (value.getClass().isSynthetic() || type.contains("$$Lambda")) {
                detail = "the lambda captures a " + culprit + ", which is not Serializable";
            }
            throw new IllegalArgumentException(what + " can't be sent to a child JVM: " + detail, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " of type " + value.getClass().getName()
                    + " can't be sent to a child JVM: " + e, e);
        }
        return bytes.toByteArray();
    }
}

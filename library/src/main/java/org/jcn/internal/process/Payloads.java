package org.jcn.internal.process;

import java.io.IOException;
import java.io.NotSerializableException;

/**
 * Turns targets and arguments into bytes for a child (through {@link Codec}), with errors that name what could
 * not be sent.
 */
final class Payloads {

    private Payloads() {
    }

    /**
     * Encodes an argument or input.
     *
     * @param what how an error names the value, such as {@code "argument"} or {@code "input 3"}
     * @throws IllegalArgumentException if the value can't be sent (the message names its class), or is a lambda
     *         from a notebook cell that reads a variable of an earlier cell (see {@link CellVariables})
     */
    static byte[] value(Object value, String what) {
        CellVariables.check(value, what);
        try {
            return Codec.encode(value);
        } catch (IOException e) {
            throw unsendable(value, what, e);
        }
    }

    /**
     * Encodes a task's target: a lambda, a method reference or a serializable object.
     *
     * @param what how an error names the target, such as {@code "target"} or {@code "function"}
     * @throws IllegalArgumentException if the target can't be sent (the message names the class that can't), or
     *         reads a variable of an earlier notebook cell (see {@link CellVariables})
     */
    static byte[] target(Object target, String what) {
        CellVariables.check(target, what);
        try {
            return Codec.encodeTarget(target);
        } catch (IOException e) {
            throw unsendable(target, what, e);
        }
    }

    private static IllegalArgumentException unsendable(Object value, String what, IOException e) {
        String type = value.getClass().getName();
        if (e instanceof NotSerializableException) {
            String culprit = e.getMessage();
            String detail = type.equals(culprit) ? type + " is not Serializable"
                    : type + " holds a " + culprit + ", which is not Serializable";
            if (value.getClass().isSynthetic() || type.contains("$$Lambda")) {
                detail = "the lambda captures a " + culprit + ", which is not Serializable";
            }
            return new IllegalArgumentException(what + " can't be sent to a child JVM: " + detail, e);
        }
        return new IllegalArgumentException(what + " of type " + type + " can't be sent to a child JVM: " + e, e);
    }
}

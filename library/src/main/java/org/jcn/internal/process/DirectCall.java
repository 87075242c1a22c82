package org.jcn.internal.process;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandleInfo;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A lambda or method reference rebuilt in a child from what {@link Lambdas} wrote: its implementation, called
 * through reflection (with native accessors, see {@link JvmCommand}), instead of deserializing the lambda.
 *
 * <p>Runs in the child early in its life, so it is written without lambdas or string concatenation, which would
 * bootstrap invokedynamic machinery the child does not otherwise need (see ChildMain).
 */
final class DirectCall {

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

    static DirectCall read(DataInputStream in, ClassLoader loader)
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
            captured[i] = PlainValues.read(in, in.readByte());
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

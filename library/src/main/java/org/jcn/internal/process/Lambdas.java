package org.jcn.internal.process;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.jcn.processes.SerializableFunction;
import org.jcn.processes.SerializableRunnable;

/**
 * The parent's side of a direct call: a serializable lambda or method reference written as its implementation
 * method, parameter types and captured values, which {@link DirectCall} reads back and calls in the child. Runs in
 * the parent only.
 */
final class Lambdas {

    private Lambdas() {
    }

    /**
     * Writes a lambda as a direct call, if it is one that can be called that way: returns false (having written
     * nothing useful) for anything else, which then goes through Java serialization.
     */
    static boolean write(DataOutputStream out, Object target) throws IOException {
        SerializedLambda lambda = serializedForm(target);
        if (lambda == null) {
            return false;
        }
        int kind = lambda.getImplMethodKind();
        Object[] captured = new Object[lambda.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = lambda.getCapturedArg(i);
            if (!PlainValues.isPlain(captured[i], 0)) {
                return false;
            }
        }
        Executable implementation = implementation(lambda, target.getClass().getClassLoader());
        if (implementation == null || !implementation.trySetAccessible()) {
            return false;
        }
        out.writeByte(Codec.LAMBDA);
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
            PlainValues.write(out, value);
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
}

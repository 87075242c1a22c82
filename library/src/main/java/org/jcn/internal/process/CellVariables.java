package org.jcn.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jcn.internal.process.ClassFileRefs.Ref;

/**
 * Catches the mistake of sending a child JVM code that reads a notebook's top-level variables.
 *
 * <p>JShell keeps each top-level variable in a static field of the class it wraps the variable's cell in
 * ({@code REPL.$JShell$11.greeting}), and sets it when the cell runs. A child JVM loads that class but never runs
 * the cell, so there the variable has its default value (null, 0, false), whatever it holds in the notebook.
 * {@link #check} looks, before anything is started, at the bytecode of a lambda from a cell and of the cell
 * methods it calls, and refuses one that reads such a variable without writing it while the notebook's value is
 * not the default. {@link #explained} adds the same explanation to a {@link NullPointerException} that a child
 * still ran into (code this check can't follow). Reading the variables' values is reflection on the notebook's
 * own classes, nothing else's.
 */
final class CellVariables {

    /** The internal name of JShell's wrapper classes; a wrapper's own statics are its cell's variables. */
    private static final Pattern WRAPPER = Pattern.compile("REPL/\\$JShell\\$[^$/]+");
    private static final Pattern NULL_VARIABLE = Pattern.compile("\"REPL\\.\\$JShell\\$[^$.\"]+\\.(\\w+)\" is null");
    private static final int MAX_METHODS = 200;

    /** The top-level variables a lambda's code reads and writes, per lambda class. Guarded by itself. */
    private static final Map<Class<?>, Access> ACCESS = Collections.synchronizedMap(new WeakHashMap<>());

    private record Access(Set<Ref> reads, Set<Ref> writes) {
    }

    private CellVariables() {
    }

    /**
     * Throws if {@code value} is a lambda from a notebook cell that reads a variable of an earlier cell (without
     * writing it) whose value here is not its default.
     *
     * @param what how the message names the value, such as {@code "target"} or {@code "input 3"}
     * @throws IllegalArgumentException naming the variables and saying how to pass them
     */
    static void check(Object value, String what) {
        SerializedLambda lambda = value == null ? null : Lambdas.serializedForm(value);
        if (lambda == null || !lambda.getImplClass().startsWith("REPL/")) {
            return;
        }
        ClassLoader loader = value.getClass().getClassLoader();
        Access access = ACCESS.computeIfAbsent(value.getClass(), type -> scan(lambda, loader));
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Ref read : access.reads()) {
            Object here = access.writes().contains(read) ? null : valueHere(read, loader);
            if (here != null && !isDefault(here)) {
                names.add(read.name());
                values.add(read.name() + " would be " + defaultOf(read.descriptor()) + ", not " + shown(here));
            }
        }
        if (!names.isEmpty()) {
            boolean one = names.size() == 1;
            throw new IllegalArgumentException(what + " can't run in a child JVM as written: it reads "
                    + String.join(" and ", names) + (one ? ", a variable of an earlier cell" : ", variables of"
                    + " earlier cells") + ", and a child JVM starts with fresh statics, so there "
                    + String.join(" and ", values) + ". Pass " + (one ? "the value" : "the values")
                    + " in instead: as the argument, ChildProcess.start(" + names.get(0) + " -> ..., "
                    + names.get(0) + "), or inside the inputs of ProcessPool.map");
        }
    }

    /**
     * A child's {@code NullPointerException} on a variable of a notebook cell, with its message extended to say
     * why the variable was null there and how to pass it; any other throwable unchanged.
     */
    static Throwable explained(Throwable thrown) {
        Matcher variable = thrown instanceof NullPointerException && thrown.getMessage() != null
                ? NULL_VARIABLE.matcher(thrown.getMessage()) : null;
        if (variable == null || !variable.find()) {
            return thrown;
        }
        String name = variable.group(1);
        NullPointerException explained = new NullPointerException(thrown.getMessage() + ". " + name
                + " is a variable of an earlier notebook cell, and a child JVM starts with fresh statics: there it is"
                + " null, whatever it holds in the notebook. Pass its value in as the argument instead, as in"
                + " ChildProcess.start(" + name + " -> ..., " + name + "), or inside the inputs of ProcessPool.map");
        explained.setStackTrace(thrown.getStackTrace());
        return explained;
    }

    /** Follows the lambda's body through the cell methods it calls, collecting reads and writes of variables. */
    private static Access scan(SerializedLambda lambda, ClassLoader loader) {
        Set<Ref> reads = new LinkedHashSet<>();
        Set<Ref> writes = new HashSet<>();
        Set<Ref> seen = new HashSet<>();
        Deque<Ref> methods = new ArrayDeque<>();
        methods.add(new Ref(lambda.getImplClass(), lambda.getImplMethodName(), lambda.getImplMethodSignature()));
        while (!methods.isEmpty() && seen.size() < MAX_METHODS) {
            Ref method = methods.poll();
            if (!method.owner().startsWith("REPL/") || !seen.add(method)) {
                continue; // library and JDK code reads no notebook variables
            }
            ClassFileRefs.Refs refs = refs(method, loader);
            if (refs == null) {
                continue;
            }
            refs.staticReads().stream().filter(f -> WRAPPER.matcher(f.owner()).matches()).forEach(reads::add);
            refs.staticWrites().stream().filter(f -> WRAPPER.matcher(f.owner()).matches()).forEach(writes::add);
            methods.addAll(refs.calls());
        }
        return new Access(reads, writes);
    }

    private static ClassFileRefs.Refs refs(Ref method, ClassLoader loader) {
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(method.owner() + ".class")) {
            return in == null ? null : ClassFileRefs.of(in.readAllBytes(), method.name(), method.descriptor());
        } catch (IOException | RuntimeException e) {
            return null; // a class file this reader does not understand: nothing is refused on its account
        }
    }

    /** The variable's value in this JVM, or null if it can't be read. */
    private static Object valueHere(Ref variable, ClassLoader loader) {
        try {
            Field field = Class.forName(variable.owner().replace('/', '.'), false, loader)
                    .getDeclaredField(variable.name());
            return field.trySetAccessible() ? field.get(null) : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static boolean isDefault(Object value) {
        return value.equals(Boolean.FALSE) || value.equals('\0')
                || value instanceof Number n && n.doubleValue() == 0 && n.longValue() == 0;
    }

    private static String defaultOf(String descriptor) {
        return switch (descriptor.charAt(0)) {
            case 'Z' -> "false";
            case 'C' -> "'\\0'";
            case 'B', 'S', 'I', 'J' -> "0";
            case 'F', 'D' -> "0.0";
            default -> "null";
        };
    }

    private static String shown(Object value) {
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return value.toString();
        }
        return "a " + value.getClass().getSimpleName();
    }
}

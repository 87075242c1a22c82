package org.jcn.kernel;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;

import jdk.jshell.JShell;

/**
 * JShell's in-memory class files of the session's wrapper classes, from which the kernel removes those that no later
 * snippet can refer to: the classes of expressions and statements, which declare nothing.
 *
 * <p>Why: JShell keeps every class file it ever compiled, and before each of the three or four javac tasks of a
 * snippet, javac lists them all again (JShell empties javac's {@code REPL} package after each task) and enters a
 * class for each. A cell's cost grew with the session: in one JVM with the kernel's class path and imports,
 * {@code 6*7} took a median 10.4 ms of CPU after 300 earlier cells and 12.5 ms after 1,050, against 9.3 and 8.7 ms
 * when these class files were removed. The classes stay loaded where cells run; only the compiler's copy goes.
 *
 * <p>The class files are a private field of JShell's ({@code MemoryFileManager.classObjects}), reachable when the
 * kernel's JVM runs with {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec's flag). Without it,
 * or on a JDK whose JShell is built differently, nothing is removed and cells work as before, only slower.
 * Only called while JShell is not compiling (the evaluator's lock), as the map is not thread safe.
 */
final class WrapperClassFiles {

    private final Map<?, ?> files;

    private WrapperClassFiles(Map<?, ?> files) {
        this.files = files;
    }

    /** The class files of {@code shell}, or a stand-in that removes nothing when they cannot be reached. */
    static WrapperClassFiles of(JShell shell) {
        try {
            Object factory = field(JShell.class, "taskFactory").get(shell);
            Object manager = field(factory.getClass(), "fileManager").get(factory);
            if (field(manager.getClass(), "classObjects").get(manager) instanceof Map<?, ?> map) {
                return new WrapperClassFiles(map);
            }
            Log.info("JShell's class files are not a map: the kernel keeps all of them");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.info("JShell's class files cannot be reached (run with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED)"
                    + ", the kernel keeps all of them: " + e);
        }
        return new WrapperClassFiles(null);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** Whether class files can be removed (false without the JVM flag). */
    boolean reachable() {
        return files != null;
    }

    /** Removes the class files of these classes (binary names, {@code REPL.$JShell$12}). */
    void forget(Collection<String> classNames) {
        if (files != null) {
            classNames.forEach(files::remove);
        }
    }

    /** How many class files JShell holds; -1 when they cannot be reached. */
    int count() {
        return files == null ? -1 : files.size();
    }
}

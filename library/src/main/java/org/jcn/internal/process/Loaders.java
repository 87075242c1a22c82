package org.jcn.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers the parent's class loaders whose classes a child may need, and serves their class files. A JShell
 * kernel's cell classes live in such a loader, which serves their bytes through {@code getResourceAsStream}.
 * Loaders are held weakly: numbering one never keeps it alive.
 */
final class Loaders {

    // One numbering per JVM: a child asks for a class by its loader's number, whichever pool or cell sent the task.
    private static final Map<ClassLoader, Integer> IDS = new WeakHashMap<>();
    private static final Map<Integer, WeakReference<ClassLoader>> LOADERS = new ConcurrentHashMap<>();
    private static int nextId = 1;

    private Loaders() {
    }

    /** The number of {@code loader}; 0 for the boot loader. */
    static synchronized int id(ClassLoader loader) {
        if (loader == null) {
            return 0;
        }
        Integer id = IDS.get(loader);
        if (id == null) {
            id = nextId++;
            IDS.put(loader, id);
            LOADERS.put(id, new WeakReference<>(loader));
        }
        return id;
    }

    static ClassLoader loader(int id) {
        WeakReference<ClassLoader> ref = LOADERS.get(id);
        return ref == null ? null : ref.get();
    }

    /**
     * The class file of {@code className} as loader number {@code id} serves it, or null. Never a class of this
     * JVM's own class path: a child has the library's on its class path already, and the rest (in a kernel, the
     * kernel and its protocol library) is not the child's to load. Only what the loader holds in memory is served.
     */
    static byte[] classBytes(int id, String className) {
        ClassLoader loader = loader(id);
        if (loader == null || !definesItself(loader, className)) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    // Not a class the JVM's own loaders define (the class path's, the JDK's): those a child has or must not have.
    private static boolean definesItself(ClassLoader loader, String className) {
        try {
            ClassLoader defining = Class.forName(className, false, loader).getClassLoader();
            return defining != null && defining != ClassLoader.getSystemClassLoader()
                    && defining != ClassLoader.getPlatformClassLoader();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The loader a task's classes resolve in, and the packages it defines itself (which a child fetches). */
    record Choice(ClassLoader loader, String remotePackages) {
    }

    /**
     * The loader that sees both the target's classes and the arguments' classes: the target's loader, or an
     * argument's loader when it is a descendant of the target's (a cell class passed to a library function).
     */
    static Choice pick(Object target, Iterable<?> arguments) {
        ClassLoader chosen = target.getClass().getClassLoader();
        java.util.Set<String> packages = new java.util.TreeSet<>();
        addIfRemote(target.getClass(), packages);
        Class<?> last = null;
        for (Object argument : arguments) {
            if (argument == null || argument.getClass() == last) {
                continue;
            }
            last = argument.getClass();
            addIfRemote(last, packages);
            ClassLoader candidate = last.getClassLoader();
            if (candidate != chosen && isAncestor(chosen, candidate)) {
                chosen = candidate;
            }
        }
        return new Choice(chosen, String.join(",", packages));
    }

    /** Adds the package of a class that a child's class path can't have: one from outside the system loaders. */
    private static void addIfRemote(Class<?> type, java.util.Set<String> packages) {
        ClassLoader loader = type.getClassLoader();
        if (loader != null && !isAncestor(loader, ClassLoader.getSystemClassLoader())) {
            packages.add(type.getPackageName());
        }
    }

    private static boolean isAncestor(ClassLoader ancestor, ClassLoader loader) {
        if (ancestor == null) {
            return loader != null;
        }
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l == ancestor) {
                return true;
            }
        }
        return false;
    }
}

package org.jcn.internal.process;

/**
 * In a child JVM: loads the classes its class path lacks (classes defined in notebook cells, or by any other
 * in-memory loader of the parent) by asking the parent for their bytes over the control channel.
 * One instance per loader of the parent, so equal names from different parent loaders never mix.
 */
final class RemoteClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ChildMain channel;
    private final int loaderId;
    private final java.util.Set<String> remotePackages = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RemoteClassLoader(ChildMain channel, int loaderId, ClassLoader parent) {
        super(parent);
        this.channel = channel;
        this.loaderId = loaderId;
    }

    /** Packages (comma separated) whose classes come from the parent: asked for there first. */
    void addRemotePackages(String packages) {
        if (!packages.isEmpty()) {
            for (String name : packages.split(",")) {
                remotePackages.add(name);
            }
        }
    }

    /**
     * Classes of the parent's own packages (such as JShell's REPL) are asked for at the parent first, so a
     * lookup never searches every jar of the class path for a class that can't be there.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        if (!remotePackages.contains(pkg)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException e) {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes;
        try {
            bytes = channel.requestClass(loaderId, name);
        } catch (java.io.IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}

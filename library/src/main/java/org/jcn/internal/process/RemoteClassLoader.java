package org.jcn.internal.process;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;

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

    /** The parent of every task loader: the parent's other jars (path separated), opened when a class is needed. */
    static ClassLoader libraries(String jars) {
        if (jars.isEmpty()) {
            return RemoteClassLoader.class.getClassLoader();
        }
        String[] paths = jars.split(File.pathSeparator);
        URL[] urls = new URL[paths.length];
        for (int i = 0; i < paths.length; i++) {
            try {
                urls[i] = new File(paths[i]).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(paths[i], e);
            }
        }
        return new URLClassLoader("jcn-libraries", urls, RemoteClassLoader.class.getClassLoader());
    }
}

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

    RemoteClassLoader(ChildMain channel, int loaderId, ClassLoader parent) {
        super(parent);
        this.channel = channel;
        this.loaderId = loaderId;
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

package org.jcn.internal.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/** Reads objects whose classes come from a given loader (a notebook's cell classes, a child's remote classes). */
final class LoaderObjectInputStream extends ObjectInputStream {

    private final ClassLoader loader;

    LoaderObjectInputStream(byte[] bytes, ClassLoader loader) throws IOException {
        super(new ByteArrayInputStream(bytes));
        this.loader = loader;
    }

    static Object read(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (LoaderObjectInputStream in = new LoaderObjectInputStream(bytes, loader)) {
            return in.readObject();
        }
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        if (loader != null) {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                // primitives and arrays of them: the default below knows them
            }
        }
        return super.resolveClass(desc);
    }
}

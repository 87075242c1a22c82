package org.jcn.kernel;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A jar of the cells' class path, opened the first time the compiler reads a file from it. Thread safe. */
final class Jar implements Closeable {

    private final Path path;
    private ZipFile zip;
    private boolean closed;

    Jar(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    InputStream open(String entry) throws IOException {
        ZipFile opened = zip();
        ZipEntry found = opened.getEntry(entry);
        if (found == null) {
            throw new FileNotFoundException(entry + " is no longer in " + path);
        }
        return opened.getInputStream(found);
    }

    long modified(String entry) {
        try {
            ZipEntry found = zip().getEntry(entry);
            return found == null ? 0 : found.getTime();
        } catch (IOException e) {
            return 0;
        }
    }

    private synchronized ZipFile zip() throws IOException {
        if (closed) {
            throw new IOException("the compiler's file manager is closed: " + path);
        }
        if (zip == null) {
            zip = new ZipFile(path.toFile());
        }
        return zip;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (zip != null) {
            zip.close();
        }
    }
}

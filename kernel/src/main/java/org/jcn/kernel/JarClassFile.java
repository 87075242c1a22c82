package org.jcn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.JavaFileObject;

/**
 * A class (or source) file in a jar of the cells' class path, as {@link JarClassPath} hands it to the compiler. It
 * names itself as javac names a jar entry: {@code /path/lib.jar(/pkg/Name.class)}.
 *
 * @param entry the entry's name in the jar, with a multi-release prefix if it has one
 * @param name the file's name on the class path, such as {@code pkg/Name.class}
 */
record JarClassFile(Jar jar, String entry, String name) implements JavaFileObject {

    /** The kind of file a jar entry of this name is, or null for one the compiler never reads from a class path. */
    static Kind kindOf(String name) {
        if (name.endsWith(Kind.CLASS.extension)) {
            return Kind.CLASS;
        }
        return name.endsWith(Kind.SOURCE.extension) ? Kind.SOURCE : null;
    }

    String binaryName() {
        return name.substring(0, name.length() - getKind().extension.length()).replace('/', '.');
    }

    @Override
    public Kind getKind() {
        return kindOf(name);
    }

    @Override
    public boolean isNameCompatible(String simpleName, Kind kind) {
        int start = name.lastIndexOf('/') + 1;
        return kind == getKind() && name.length() - start == simpleName.length() + kind.extension.length()
                && name.startsWith(simpleName, start);
    }

    @Override
    public URI toUri() {
        return URI.create("jar:" + jar.path().toUri() + "!/" + entry);
    }

    @Override
    public String getName() {
        return jar.path() + "(/" + entry + ")";
    }

    @Override
    public InputStream openInputStream() throws IOException {
        return jar.open(entry);
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
        try (InputStream in = openInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Reader openReader(boolean ignoreEncodingErrors) throws IOException {
        return new StringReader(getCharContent(ignoreEncodingErrors).toString());
    }

    @Override
    public OutputStream openOutputStream() {
        throw new UnsupportedOperationException("a class path jar is read only: " + getName());
    }

    @Override
    public Writer openWriter() {
        throw new UnsupportedOperationException("a class path jar is read only: " + getName());
    }

    @Override
    public long getLastModified() {
        return jar.modified(entry);
    }

    @Override
    public boolean delete() {
        return false;
    }

    @Override
    public NestingKind getNestingKind() {
        return null;
    }

    @Override
    public Modifier getAccessLevel() {
        return null;
    }

    @Override
    public String toString() {
        return getName();
    }
}

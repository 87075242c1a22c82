package org.jcn.processes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Test support: classes that exist only in memory, served the way JShell serves a notebook's cell classes
 * (bytes through {@code getResourceAsStream("pkg/Name.class")}), so a child JVM's class path can't have them.
 */
final class CellClasses extends ClassLoader {

    /** Source of the "cells": a method, a lambda over it, and a record result type, none on any class path. */
    static final String SOURCE = """
            package cells;

            import java.io.Serializable;
            import org.jcn.processes.SerializableFunction;

            public class Cell {
                public record Square(int n, int square) implements Serializable {
                }

                public static Square square(int n) {
                    System.out.println("cell code squaring " + n);
                    return new Square(n, n * n);
                }

                public static SerializableFunction<Integer, Square> target() {
                    return n -> square(n);
                }
            }
            """;

    private final Map<String, byte[]> classes;

    private CellClasses(Map<String, byte[]> classes) {
        super(CellClasses.class.getClassLoader());
        this.classes = classes;
    }

    /** Compiles {@link #SOURCE} into memory and returns a loader for it. */
    static CellClasses compile(Path scratch) {
        try {
            Path source = scratch.resolve("cells/Cell.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, SOURCE);
            Path out = Files.createDirectories(scratch.resolve("out"));
            String libraryClasses = Path.of(SerializableFunction.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, "-d", out.toString(), "-cp", libraryClasses,
                    source.toString());
            if (status != 0) {
                throw new IllegalStateException("javac failed with " + status);
            }
            Map<String, byte[]> classes = new HashMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = out.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    classes.put(name, Files.readAllBytes(file));
                }
            }
            return new CellClasses(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cell's lambda {@code n -> square(n)}, defined by this loader. */
    @SuppressWarnings("unchecked")
    SerializableFunction<Integer, Object> target() throws ReflectiveOperationException {
        return (SerializableFunction<Integer, Object>) loadClass("cells.Cell").getMethod("target").invoke(null);
    }

    /** Reads {@code square()} of a {@code Cell.Square} result. */
    static int squareOf(Object result) throws ReflectiveOperationException {
        return (int) result.getClass().getMethod("square").invoke(result);
    }

    List<String> classNames() {
        return List.copyOf(classes.keySet());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = name.endsWith(".class") ? classes.get(name.substring(0, name.length() - 6).replace('/', '.'))
                : null;
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }
}

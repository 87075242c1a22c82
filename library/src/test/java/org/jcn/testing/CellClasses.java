package org.jcn.testing;

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

import org.jcn.processes.SerializableFunction;

/**
 * Test support: classes that exist only in memory, served the way JShell serves a notebook's cell classes
 * (bytes through {@code getResourceAsStream("pkg/Name.class")}), so a child JVM's class path can't have them. Used by
 * the tests of child JVMs and process pools, and by {@code ChildStartBenchmark}.
 */
public final class CellClasses extends ClassLoader {

    /** Source of the "cells": a method, a lambda over it, and a record result type, none on any class path. */
    public static final String SOURCE = """
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

    /**
     * Two "cells" as JShell compiles them: top-level variables are public statics of the cell's wrapper class, and
     * later cells read them through that class. The lambdas read a variable, call a cell method that reads it,
     * write one, or take the value as their argument.
     */
    public static final Map<String, String> NOTEBOOK = Map.of("REPL.$JShell$11", """
            package REPL;

            public class $JShell$11 {
                public static String greeting;
                public static int shared;
            }
            """, "REPL.$JShell$12", """
            package REPL;

            import org.jcn.processes.SerializableCallable;
            import org.jcn.processes.SerializableFunction;

            public class $JShell$12 {
                public static int length() {
                    return $JShell$11.greeting.length();
                }

                public static void bump() {
                    $JShell$11.shared++;
                }

                public static SerializableCallable<Integer> readsGreeting() {
                    return () -> $JShell$11.greeting.length();
                }

                public static SerializableCallable<Integer> callsAMethodThatReadsIt() {
                    return () -> length();
                }

                public static SerializableCallable<Integer> bumpsShared() {
                    return () -> {
                        bump();
                        return $JShell$11.shared;
                    };
                }

                public static SerializableFunction<String, Integer> takesItAsArgument() {
                    return g -> g.length();
                }

                public static SerializableFunction<Integer, Integer> addsItsLength() {
                    return n -> n + $JShell$11.greeting.length();
                }
            }
            """);

    private final Map<String, byte[]> classes;

    private CellClasses(Map<String, byte[]> classes) {
        super(CellClasses.class.getClassLoader());
        this.classes = classes;
    }

    /** Compiles {@link #SOURCE} into memory and returns a loader for it. */
    public static CellClasses compile(Path scratch) {
        return compile(scratch, Map.of("cells.Cell", SOURCE));
    }

    /**
     * Compiles sources into memory and returns a loader for them; JShell's own classes can be mimicked this way,
     * such as {@code REPL.$JShell$11} holding a top-level variable as a public static field.
     *
     * @param sources source code by fully qualified class name
     */
    public static CellClasses compile(Path scratch, Map<String, String> sources) {
        try {
            List<String> arguments = new java.util.ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = scratch.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            Path out = Files.createDirectories(scratch.resolve("out"));
            String libraryClasses = Path.of(SerializableFunction.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
            arguments.addAll(0, List.of("-d", out.toString(), "-cp", libraryClasses));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, arguments.toArray(String[]::new));
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
    public SerializableFunction<Integer, Object> target() throws ReflectiveOperationException {
        return (SerializableFunction<Integer, Object>) loadClass("cells.Cell").getMethod("target").invoke(null);
    }

    /** Calls a public static method without arguments of one of the classes, such as a factory of a lambda. */
    public Object call(String className, String method) throws ReflectiveOperationException {
        return loadClass(className).getMethod(method).invoke(null);
    }

    /** Sets a public static field of one of the classes, as running a cell sets its top-level variable. */
    public void set(String className, String field, Object value) throws ReflectiveOperationException {
        loadClass(className).getField(field).set(null, value);
    }

    /** Reads {@code square()} of a {@code Cell.Square} result. */
    public static int squareOf(Object result) throws ReflectiveOperationException {
        return (int) result.getClass().getMethod("square").invoke(result);
    }

    public List<String> classNames() {
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

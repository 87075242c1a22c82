package org.jcn.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.jcn.processes.SerializableFunction;

/** Classes compiled at run time and served from memory the way JShell serves cell classes, off every class path. */
final class InMemoryClasses extends ClassLoader {

    private final Map<String, byte[]> classes = new HashMap<>();

    private InMemoryClasses() {
        super(InMemoryClasses.class.getClassLoader());
    }

    /** Compiles {@code source} (a class {@code className}) into a new loader. */
    static InMemoryClasses compile(String className, String source) throws IOException, java.net.URISyntaxException {
        Path scratch = Files.createTempDirectory("jcn-bench");
        try {
            Path file = scratch.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            Path out = Files.createDirectories(scratch.resolve("out"));
            String cp = Path.of(SerializableFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), "-cp", cp,
                    file.toString()) != 0) {
                throw new IllegalStateException("javac failed");
            }
            InMemoryClasses loader = new InMemoryClasses();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = out.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    loader.classes.put(name, Files.readAllBytes(f));
                }
            }
            return loader;
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
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

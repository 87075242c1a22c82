package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler's view of a class path of jars through {@link JarClassPath} and {@link JarIndex}, with the real javac:
 * what compiles against it must be what compiles against javac's own view of the same jars.
 */
@Timeout(60)
class JarClassPathTest {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    @TempDir
    static Path folder;
    private static Path first;
    private static Path second;
    private static Path classes;

    /**
     * {@code first.jar}: {@code p.A} with {@code one()}, and a multi-release {@code p.B} whose Java 9 version has
     * {@code v9()} and whose plain version has {@code plain()}. {@code second.jar}: another {@code p.A}, with
     * {@code two()}, and {@code q.C}. {@code classes/}: the same as {@code second.jar}, as a folder.
     */
    @BeforeAll
    static void jars() throws IOException {
        Path plain = compile("plain", "package p; public class A { public int one() { return 1; } }",
                "package p; public class B { public int plain() { return 0; } }");
        Path nine = compile("nine", "package p; public class B { public int v9() { return 9; } }");
        Path other = compile("other", "package p; public class A { public int two() { return 2; } }",
                "package q; public class C { }");
        first = folder.resolve("first.jar");
        jar(first, true, Map.of("p/A.class", plain.resolve("p/A.class"), "p/B.class", plain.resolve("p/B.class"),
                "META-INF/versions/9/p/B.class", nine.resolve("p/B.class")));
        second = folder.resolve("second.jar");
        jar(second, false, Map.of("p/A.class", other.resolve("p/A.class"), "q/C.class", other.resolve("q/C.class")));
        classes = other;
    }

    @Test
    void compilesAgainstTheFirstJarThatHasAClassAsJavacDoes() throws IOException {
        String path = first + File.pathSeparator + second;
        for (Path index : new Path[] {null, index(path)}) {
            assertTrue(compiles(path, index, "int x = new p.A().one(); q.C c = null;"), "a class of either jar");
            assertFalse(compiles(path, index, "int x = new p.A().two();"), "second.jar's p.A is hidden");
            try (JarClassPath manager = manager(path, index)) {
                assertEquals(List.of(first, second), manager.getLocationAsPaths(StandardLocation.CLASS_PATH));
            }
        }
        assertFalse(compiles(second + File.pathSeparator + first, null, "int x = new p.A().one();"),
                "the order of the class path decides");
        assertTrue(compilesWithJavacAlone(path, "int x = new p.A().one();"), "javac's own view agrees");
        assertFalse(compilesWithJavacAlone(path, "int x = new p.A().two();"), "javac's own view agrees");
    }

    @Test
    void seesTheMultiReleaseClassesOfThisJavaVersion() throws IOException {
        String path = first.toString();
        for (Path index : new Path[] {null, index(path)}) {
            assertTrue(compiles(path, index, "int x = new p.B().v9();"));
            assertFalse(compiles(path, index, "int x = new p.B().plain();"));
        }
        assertTrue(compilesWithJavacAlone(path, "int x = new p.B().v9();"), "javac's own view agrees");
    }

    @Test
    void takesTheClassesFromTheIndexNotFromTheJar() throws IOException {
        Path index = index(first.toString());
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(index)) {
            lines.add(line.startsWith("p ") ? line.replaceAll(" A\\.class\\b", "") : line);
        }
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("p B.class")), lines::toString);
        Files.write(index, lines);
        assertFalse(compiles(first.toString(), index, "p.A a = null;"), "the index leaves p.A out");
        assertTrue(compiles(first.toString(), index, "int x = new p.B().v9();"));
    }

    @Test
    void listsAJarAgainWhenItChangedAfterTheIndexWasWritten() throws IOException {
        Path copy = Files.copy(second, folder.resolve("copy.jar"));
        Path index = index(copy.toString());
        Files.copy(first, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(Files.getLastModifiedTime(copy).toMillis() + 5_000));
        assertTrue(compiles(copy.toString(), index, "int x = new p.A().one();"), "the jar as it is now");
    }

    @Test
    void leavesAClassPathWithAFolderToJavac() throws IOException {
        String path = first + File.pathSeparator + classes;
        assertTrue(compiles(path, null, "int x = new p.A().one(); q.C c = null;"));
        try (JarClassPath manager = manager(path, null)) {
            List<Path> paths = new ArrayList<>();
            manager.getLocationAsPaths(StandardLocation.CLASS_PATH).forEach(paths::add);
            assertEquals(List.of(first, classes), paths);
        }
    }

    @Test
    void anIndexFromAnotherJavaVersionIsIgnored() throws IOException {
        Path index = folder.resolve("old.idx");
        Files.writeString(index, "jcn-jar-index 1 java 8\njar 1 1 " + first + "\np Nothing.class\n");
        assertEquals(Map.of(), JarIndex.read(index));
        assertTrue(compiles(first.toString(), index, "int x = new p.A().one();"));
    }

    private static Path index(String path) throws IOException {
        Path index = Files.createTempFile(folder, "jars", ".idx");
        List<String> args = new ArrayList<>(List.of(index.toString()));
        args.addAll(List.of(path.split(File.pathSeparator)));
        JarIndex.main(args.toArray(String[]::new));
        assertEquals(args.size() - 1, JarIndex.read(index).size());
        return index;
    }

    private static JarClassPath manager(String classPath, Path index) {
        JarClassPath manager = new JarClassPath(JAVAC.getStandardFileManager(null, null, StandardCharsets.UTF_8),
                index);
        assertTrue(manager.handleOption("-classpath", List.of(classPath).iterator()));
        return manager;
    }

    private static boolean compiles(String classPath, Path index, String statements) throws IOException {
        try (JarClassPath manager = manager(classPath, index)) {
            return compile(manager, statements);
        }
    }

    private static boolean compilesWithJavacAlone(String classPath, String statements) throws IOException {
        try (StandardJavaFileManager manager = JAVAC.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            manager.handleOption("-classpath", List.of(classPath).iterator());
            return compile(manager, statements);
        }
    }

    private static boolean compile(javax.tools.JavaFileManager manager, String statements) throws IOException {
        Path out = Files.createTempDirectory(folder, "out");
        JavaFileObject source = source("Use", "class Use { void use() { " + statements + " } }");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        return JAVAC.getTask(null, manager, diagnostics, List.of("-d", out.toString(), "-proc:none"), null,
                List.of(source)).call();
    }

    private static Path compile(String name, String... sources) throws IOException {
        Path out = Files.createDirectories(folder.resolve(name));
        List<JavaFileObject> files = new ArrayList<>();
        for (String code : sources) {
            String simple = code.replaceAll("(?s).*class (\\w+).*", "$1");
            files.add(source(simple, code));
        }
        assertTrue(JAVAC.getTask(null, null, null, List.of("-d", out.toString()), null, files).call());
        return out;
    }

    private static JavaFileObject source(String name, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private static void jar(Path jar, boolean multiRelease, Map<String, Path> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(Files.readAllBytes(entry.getValue()));
                out.closeEntry();
            }
        }
    }
}

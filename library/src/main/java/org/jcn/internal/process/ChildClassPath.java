package org.jcn.internal.process;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A child's class path: what its JVM starts with, and the jars its task loader opens on demand.
 *
 * @param eager the class path the child JVM starts with (path separated)
 * @param lazy  the jars the child's task loader opens when a task needs them (path separated)
 */
record ChildClassPath(String eager, String lazy) {

    /** Computed once: the parent's class path does not change. */
    private static volatile ChildClassPath cached;

    /**
     * The parent's class path, split in two. The child JVM starts with only the folder or jar holding this
     * library, plus any class folders; the other jars are opened by the child's task loader when a task needs
     * them. This keeps start-up from opening every jar of a large class path: the JDK's serialization code
     * looks up logging services on the system class path, which reads the index of each of its jars. A
     * manifest-only jar (as test runners use) is expanded first.
     */
    static ChildClassPath get() {
        ChildClassPath cp = cached;
        if (cp == null) {
            Set<String> entries = new LinkedHashSet<>();
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.addAll(expandManifestOnlyJar(entry));
                }
            }
            List<String> eager = new ArrayList<>();
            String own = ownLocation();
            if (own != null) {
                eager.add(own);
                entries.remove(own);
            }
            List<String> lazy = new ArrayList<>();
            for (String entry : entries) {
                (new File(entry).isDirectory() ? eager : lazy).add(entry);
            }
            cp = new ChildClassPath(String.join(File.pathSeparator, eager), String.join(File.pathSeparator, lazy));
            cached = cp;
        }
        return cp;
    }

    private static String ownLocation() {
        try {
            var source = ChildMain.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> expandManifestOnlyJar(String entry) {
        if (!entry.endsWith(".jar")) {
            return List.of(entry);
        }
        try (JarFile jar = new JarFile(entry)) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || jar.stream().anyMatch(e -> e.getName().endsWith(".class"))) {
                return List.of(entry);
            }
            List<String> expanded = new ArrayList<>();
            URI base = Path.of(entry).toUri();
            for (String relative : classPath.trim().split("\\s+")) {
                expanded.add(Path.of(base.resolve(relative)).toString());
            }
            return expanded;
        } catch (IOException | IllegalArgumentException e) {
            return List.of(entry);
        }
    }
}

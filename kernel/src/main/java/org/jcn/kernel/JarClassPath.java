package org.jcn.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * JShell's compiler's view of the cells' class path when it is made of jars only: their class files by package, from
 * {@link JarIndex}. Everything else goes to the compiler's own file manager.
 *
 * <p>Why: javac opens each jar of the class path as a zip file system and walks all of its entries, reading each
 * entry's attributes, before its first compile. With the kernel's 29 jars (26,000 entries, half of them in fastutil)
 * that was about 150 ms of a kernel's start, on the path to the first result. What the compiler sees is the same:
 * the same jars in the same order (the first jar with a class wins, as in javac), and a multi-release jar's classes
 * for the running Java version. A class path with anything but jar files in it (a folder, a missing file, a jar
 * that does not open) is left to javac as it is.
 *
 * <p>Longer than the house's ~150 lines: {@link StandardJavaFileManager} has a dozen methods that must be passed on.
 */
final class JarClassPath extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-classpath", "-cp", "--class-path");

    /** One package's files in one jar, as the index lists them. */
    private record Listed(Jar jar, String names) {
    }

    /** The class path as indexed; the file objects of a package are made when the compiler first lists it. */
    private record Index(List<Path> jars, Map<String, List<Listed>> packages,
            Map<String, List<JarClassFile>> files) {

        List<JarClassFile> files(String pkg) {
            return files.computeIfAbsent(pkg, p -> {
                List<JarClassFile> made = new ArrayList<>();
                for (Listed listed : packages.getOrDefault(p, List.of())) {
                    made.addAll(JarIndex.files(listed.jar(), p, listed.names()));
                }
                return List.copyOf(made);
            });
        }
    }

    private final Path indexFile;
    private final Map<Path, Jar> opened = new HashMap<>();
    private Map<Path, JarIndex.Listing> listings;
    private volatile Index index; // null while javac's own file manager keeps the class path

    /**
     * @param indexFile the file {@link JarIndex} wrote for these jars, or null to list each jar at start
     */
    JarClassPath(StandardJavaFileManager compilers, Path indexFile) {
        super(compilers);
        this.indexFile = indexFile;
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (!CLASS_PATH_OPTIONS.contains(current) || !remaining.hasNext()) {
            return super.handleOption(current, remaining);
        }
        String path = remaining.next();
        Index made = index(path);
        index = made;
        return super.handleOption(current, List.of(made == null ? path : "").iterator()); // "": javac reads no jar
    }

    private synchronized Index index(String path) {
        List<Path> jars = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path jar = Path.of(entry).toAbsolutePath().normalize();
            if (jars.contains(jar)) {
                continue;
            }
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            jars.add(jar);
        }
        Map<String, List<Listed>> packages = new HashMap<>();
        try {
            if (listings == null) {
                listings = indexFile == null ? Map.of() : JarIndex.read(indexFile);
            }
            for (Path file : jars) {
                JarIndex.Listing listing = listings.get(file);
                if (listing == null || !listing.matches(file)) {
                    if (indexFile != null) {
                        Log.info("listing " + file + ": not in " + indexFile + " as it is now");
                    }
                    listing = JarIndex.list(file);
                }
                Jar jar = opened.computeIfAbsent(file, Jar::new);
                listing.packages().forEach((pkg, names) ->
                        packages.computeIfAbsent(pkg, p -> new ArrayList<>()).add(new Listed(jar, names)));
            }
        } catch (IOException | RuntimeException e) {
            Log.info("compiling against the class path as javac reads it: " + e);
            return null;
        }
        return new Index(List.copyOf(jars), packages, new ConcurrentHashMap<>());
    }

    /** The index that answers for this location, or null when the compiler's own file manager does. */
    private Index indexOf(Location location) {
        return location == StandardLocation.CLASS_PATH ? index : null;
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
            boolean recurse) throws IOException {
        Index current = indexOf(location);
        if (current == null) {
            return super.list(location, packageName, kinds, recurse);
        }
        List<JavaFileObject> files = new ArrayList<>();
        for (String pkg : recurse ? current.packages().keySet() : Set.of(packageName)) {
            if (pkg.equals(packageName) || packageName.isEmpty() || pkg.startsWith(packageName + ".")) {
                current.files(pkg).stream().filter(f -> kinds.contains(f.getKind())).forEach(files::add);
            }
        }
        return files;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return file instanceof JarClassFile c ? c.binaryName() : super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return a instanceof JarClassFile || b instanceof JarClassFile ? a.equals(b) : super.isSameFile(a, b);
    }

    @Override
    public boolean hasLocation(Location location) {
        return indexOf(location) != null || super.hasLocation(location);
    }

    @Override
    public boolean contains(Location location, FileObject file) throws IOException {
        return file instanceof JarClassFile ? indexOf(location) != null : super.contains(location, file);
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        Index current = indexOf(location);
        if (current == null) {
            return super.getJavaFileForInput(location, className, kind);
        }
        int dot = className.lastIndexOf('.');
        for (JarClassFile file : current.files(dot < 0 ? "" : className.substring(0, dot))) {
            if (file.getKind() == kind && file.binaryName().equals(className)) {
                return file;
            }
        }
        return null;
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        Index current = indexOf(location);
        return current != null ? current.jars() : fileManager.getLocationAsPaths(location);
    }

    @Override
    public synchronized void close() throws IOException {
        for (Jar jar : opened.values()) {
            jar.close();
        }
        opened.clear();
        super.close();
    }

    // The rest of StandardJavaFileManager, passed on. Setting the class path directly hands it back to javac.

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        release(location);
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        release(location);
        fileManager.setLocationFromPaths(location, paths);
    }

    private void release(Location location) {
        if (location == StandardLocation.CLASS_PATH) {
            index = null;
        }
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }
}

package org.jcn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of jars, by package: what {@link JarClassPath} gives the compiler. {@code kernel/install} writes
 * the listing of the kernel's jars to a file ({@code java -cp ... org.jcn.kernel.JarIndex FILE JAR...}); a kernel
 * reads it at start, and lists a jar itself only when the file has no entry for it or the jar changed since.
 *
 * <p>Why a file: listing the 26,000 entries of the kernel's jars took 100-170 ms of a kernel's start, on the way to
 * its first result, while the JVM's compilers had not yet compiled the loop; reading the file takes a few ms.
 *
 * <p>File format, UTF-8 text: a header line, then for each jar a line {@code jar SIZE MODIFIED PATH} followed by one
 * line per package, {@code PACKAGE NAME...}, whose names are the package's class and source files. A multi-release
 * jar lists the files for this Java version: a name then reads {@code NAME=ENTRY}, with the versioned entry.
 */
final class JarIndex {

    private static final String HEADER = "jcn-jar-index 1 java " + Runtime.version().feature();
    private static final String VERSIONS = "META-INF/versions/";

    /**
     * One jar's class files.
     *
     * @param packages package name ("" for the unnamed one) to its files' names, space separated
     */
    record Listing(Path jar, long size, long modified, Map<String, String> packages) {

        boolean matches(Path file) {
            try {
                return Files.size(file) == size && Files.getLastModifiedTime(file).toMillis() == modified;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private JarIndex() {
    }

    /** Writes the listing of each jar to {@code args[0]}: {@code JarIndex FILE JAR...}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java -cp ... org.jcn.kernel.JarIndex FILE JAR...");
            System.exit(2);
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i < args.length; i++) {
            Listing listing = list(Path.of(args[i]).toAbsolutePath().normalize());
            text.append("jar ").append(listing.size()).append(' ').append(listing.modified()).append(' ')
                    .append(listing.jar()).append('\n');
            listing.packages().forEach((pkg, names) -> text.append(pkg).append(' ').append(names).append('\n'));
        }
        Files.writeString(Path.of(args[0]), text);
    }

    /** Reads a file that {@link #main} wrote; an empty map if it is missing or from another Java version. */
    static Map<Path, Listing> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return Map.of();
        }
        Map<Path, Listing> listings = new HashMap<>();
        Map<String, String> packages = null;
        for (String line : lines.subList(1, lines.size())) {
            int space = line.indexOf(' ');
            if (line.startsWith("jar ")) {
                String[] fields = line.split(" ", 4);
                packages = new HashMap<>();
                Path jar = Path.of(fields[3]);
                listings.put(jar, new Listing(jar, Long.parseLong(fields[1]), Long.parseLong(fields[2]), packages));
            } else if (packages != null && space >= 0) {
                packages.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return listings;
    }

    /** Lists a jar's class and source files by package; a multi-release jar's as this Java version sees them. */
    static Listing list(Path jar) throws IOException {
        long size = Files.size(jar);
        long modified = Files.getLastModifiedTime(jar).toMillis();
        Map<String, String> chosen = new LinkedHashMap<>(); // file name in its package's folder -> entry
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            boolean multiRelease = isMultiRelease(zip);
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                String entry = entries.nextElement().getName();
                int version = versionOf(entry, multiRelease);
                if (version < 0 || version > Runtime.version().feature()) {
                    continue;
                }
                String name = version == 0 ? entry : entry.substring(entry.indexOf('/', VERSIONS.length()) + 1);
                String earlier = chosen.get(name);
                // Names with a space or '=' would not fit the file's format; no class or source file has them.
                if (JarClassFile.kindOf(name) != null && !name.endsWith("module-info.class")
                        && name.indexOf(' ') < 0 && name.indexOf('=') < 0
                        && (earlier == null || versionOf(earlier, true) < version)) {
                    chosen.put(name, entry);
                }
            }
        }
        Map<String, StringBuilder> packages = new LinkedHashMap<>();
        chosen.forEach((name, entry) -> {
            int slash = name.lastIndexOf('/');
            StringBuilder names = packages.computeIfAbsent(
                    slash < 0 ? "" : name.substring(0, slash).replace('/', '.'), p -> new StringBuilder());
            names.append(names.isEmpty() ? "" : " ").append(name.substring(slash + 1));
            if (!entry.equals(name)) {
                names.append('=').append(entry);
            }
        });
        Map<String, String> listed = new LinkedHashMap<>();
        packages.forEach((pkg, names) -> listed.put(pkg, names.toString()));
        return new Listing(jar, size, modified, listed);
    }

    // 0 for a plain entry, N for one under META-INF/versions/N/ of a multi-release jar, -1 for other META-INF ones.
    private static int versionOf(String entry, boolean multiRelease) {
        if (!entry.startsWith("META-INF/")) {
            return 0;
        }
        int slash = entry.indexOf('/', VERSIONS.length());
        if (!multiRelease || !entry.startsWith(VERSIONS) || slash < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(entry.substring(VERSIONS.length(), slash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isMultiRelease(ZipFile zip) throws IOException {
        ZipEntry manifest = zip.getEntry(JarFile.MANIFEST_NAME);
        if (manifest == null) {
            return false;
        }
        try (InputStream in = zip.getInputStream(manifest)) {
            String value = new Manifest(in).getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE);
            return "true".equalsIgnoreCase(value);
        }
    }

    /** The files of one package in one jar, made into file objects when the compiler first asks for them. */
    static List<JarClassFile> files(Jar jar, String pkg, String names) {
        String folder = pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/";
        List<JarClassFile> files = new ArrayList<>();
        for (String name : names.split(" ")) {
            int equals = name.indexOf('=');
            String file = equals < 0 ? name : name.substring(0, equals);
            files.add(new JarClassFile(jar, equals < 0 ? folder + file : name.substring(equals + 1), folder + file));
        }
        return files;
    }
}

package org.jcn.internal.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The command line of a child JVM: the parent's own {@code java} binary and class path, tuned for start-up.
 *
 * Start-up tuning: the serial collector and no perf-data file; a cache of the classes a child loads, under
 * ~/.cache/jcn (or, when that is not writable, a folder of java.io.tmpdir that only this user may enter), one
 * per JDK and child class path. On JDK 25+ the
 * best is an ahead-of-time cache (JEP 483: classes loaded and linked, method handles spun), which
 * {@link Warmup} makes (kernel/install runs it). Without one, the first child writes a dynamic class-data
 * archive (ArchiveClassesAtExit into a temporary file, moved into place only when that child exits cleanly, so
 * a killed child never leaves a broken archive). JVM logging and warnings are off: their text would land in a
 * learner's cell.
 */
final class JvmCommand {

    /** Overrides the java binary children run; documented in the package summary of org.jcn.processes. */
    static final String JAVA_PROPERTY = "jcn.processes.java";

    /** Extra JVM options for children, separated by spaces; for experiments and benchmarks. */
    static final String EXTRA_PROPERTY = "jcn.processes.jvmOptions";

    /**
     * "false" turns the start-up tuning off (flags and caches), "cds" leaves out an ahead-of-time cache; for
     * benchmarks that show what each buys.
     */
    static final String TUNING_PROPERTY = "jcn.processes.tuning";

    private static final List<String> TUNING = List.of(
            "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=off", "-XX:-PrintWarnings", "-Djava.awt.headless=true",
            // Reflection (how Codec calls a shipped lambda) without spinning method handles at first use.
            "-Djdk.reflect.useNativeAccessorOnly=true");

    private static final Set<Path> TRAINING_TRIED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final boolean AOT_SUPPORTED = Runtime.version().feature() >= 25;

    /**
     * The children's start-up cache, once made: one per JVM, because every child of this JVM runs the same
     * {@code java} with the same class path, and making it costs a child's start.
     */
    private static volatile Path archive;

    private JvmCommand() {
    }

    static Path java() {
        String configured = System.getProperty(JAVA_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The command, and the temporary archive this child should write at exit (or null). */
    record Command(List<String> arguments, Path trainingArchive, Path archive) {
    }

    /**
     * The command of a child JVM.
     *
     * @param recording null, or the AOT configuration file a training run of {@link Warmup} records to
     */
    static Command of(Path java, boolean once, Path recording) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        boolean tuned = !"false".equals(System.getProperty(TUNING_PROPERTY));
        if (tuned) {
            command.addAll(TUNING);
        }
        String extra = System.getProperty(EXTRA_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        ChildClassPath cp = ChildClassPath.get();
        Path archive = archive(java, cp.eager());
        Path training = null;
        if (recording != null) {
            command.add("-XX:AOTMode=record");
            command.add("-XX:AOTConfiguration=" + recording);
        } else if (archive != null && tuned) {
            Path aot = aotCache(archive);
            if (AOT_SUPPORTED && Files.isRegularFile(aot) && !"cds".equals(System.getProperty(TUNING_PROPERTY))) {
                command.add("-XX:AOTCache=" + aot);
            } else if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            } else if (TRAINING_TRIED.add(archive)) {
                training = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid()
                        + "." + System.nanoTime() + ".tmp");
                command.add("-XX:ArchiveClassesAtExit=" + training);
            }
        }
        command.add("-cp");
        command.add(cp.eager());
        command.add(ChildMain.class.getName());
        command.add(once ? "once" : "worker");
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(cp.lazy());
        return new Command(command, training, archive);
    }

    /** Moves a training run's archive into place if its child exited cleanly; deletes it otherwise. */
    static void finishTraining(Command command, int exitCode) {
        if (command.trainingArchive() == null) {
            return;
        }
        try {
            if (exitCode == 0 && Files.isRegularFile(command.trainingArchive())
                    && Files.size(command.trainingArchive()) > 0) {
                Files.move(command.trainingArchive(), command.archive(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(command.trainingArchive());
            }
        } catch (IOException e) {
            // no archive this time: children still start, only slower
        }
        CacheFolder.removeStaleArchives(command.archive().getParent());
    }

    /** Where the class-data archive for this JDK and class path lives, or null if no folder is writable. */
    private static Path archive(Path java, String cp) {
        Path found = archive;
        if (found != null) {
            return found;
        }
        for (String entry : cp.split(File.pathSeparator)) {
            File file = new File(entry);
            String[] children = file.list();
            if (children != null && children.length > 0) {
                return null; // class-data archives can't be made with a non-empty folder on the class path
            }
        }
        Path dir = CacheFolder.cacheDirectory();
        if (dir == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(java.toString()).append('\n').append(Runtime.version())
                .append('\n').append(TUNING).append('\n');
        for (String entry : cp.split(File.pathSeparator)) {
            File file = new File(entry);
            key.append(entry).append(' ').append(file.length()).append(' ').append(file.lastModified()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes());
            found = dir.resolve("child-" + Runtime.version().feature() + "-"
                    + HexFormat.of().formatHex(digest, 0, 8) + ".jsa");
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
        archive = found;
        return found;
    }

    /** The ahead-of-time cache that goes with a class-data archive's name. */
    static Path aotCache(Path archive) {
        String name = archive.getFileName().toString();
        return archive.resolveSibling(name.substring(0, name.length() - ".jsa".length()) + ".aot");
    }

    /** The archive path children of this JVM use, or null if none can be made. */
    static Path archive() {
        return archive(java(), ChildClassPath.get().eager());
    }

    static boolean aotSupported() {
        return AOT_SUPPORTED;
    }

    static List<String> tuning() {
        return TUNING;
    }

}

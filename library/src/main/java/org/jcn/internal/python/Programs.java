package org.jcn.internal.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The project's own Python programs, shipped inside the library's jar ({@code org/jcn/python/*.py}) and copied
 * once per JVM into a temporary folder, from which an interpreter runs them. Thread safe.
 */
public final class Programs {

    /** Every file of the folder: the programs and the modules they import. */
    public static final List<String> FILES = List.of("jcn.py", "jcn_run.py", "jcn_work.py", "worker.py",
            "cpu_sum.py", "downloads.py", "footprint.py");

    /** The programs, copied out of the jar once per JVM into a folder deleted at its exit; guarded by the class. */
    private static Path folder;

    private Programs() {
    }

    /** The folder holding the copies, made on first use and deleted when the JVM exits. */
    public static synchronized Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("jcn-python-");
                dir.toFile().deleteOnExit();
                for (String name : FILES) {
                    try (InputStream in = Programs.class.getResourceAsStream("/org/jcn/python/" + name)) {
                        if (in == null) {
                            throw new IllegalStateException("the library's jar lacks org/jcn/python/" + name);
                        }
                        Path file = dir.resolve(name);
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                        file.toFile().deleteOnExit();
                    }
                }
                folder = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy the project's Python programs to a temporary folder", e);
            }
        }
        return folder;
    }

    /**
     * The file to run for {@code program}: one of the project's programs by its name ({@code cpu_sum.py}), or
     * any other file by its path.
     *
     * @throws IllegalArgumentException if it is neither; the message lists the project's programs
     */
    public static Path resolve(String program) {
        if (FILES.contains(program)) {
            return folder().resolve(program);
        }
        Path path = Path.of(program);
        if (Files.isRegularFile(path)) {
            return path.toAbsolutePath();
        }
        throw new IllegalArgumentException("program must be one of the project's Python programs "
                + List.of("cpu_sum.py", "downloads.py", "footprint.py") + " or the path of a file, but was "
                + program);
    }
}

package org.jcn.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalTime;
import java.util.Set;

/**
 * The kernel's log: one file next to the connection file ({@code kernel-ID.json} logs to {@code kernel-ID.log} in
 * Jupyter's runtime folder), so nothing the kernel says reaches the terminal that started Jupyter.
 *
 * <p>Written through the JVM's original {@code System.err} stream only when no file can be opened.
 */
final class Log {

    // Static because there is one log per kernel process, opened before the kernel is built and written from any
    // thread (the uncaught-exception handler included) until the process ends.
    private static volatile PrintStream out = System.err;
    private static volatile Path file;
    private static volatile boolean errors;

    private Log() {
    }

    /** Opens the log beside the connection file. */
    static void openBeside(Path connectionFile) {
        String name = connectionFile.getFileName().toString().replaceFirst("\\.json$", "") + ".log";
        Path path = connectionFile.toAbsolutePath().resolveSibling(name);
        try {
            out = new PrintStream(Files.newOutputStream(ownerOnly(path), StandardOpenOption.APPEND),
                    true, StandardCharsets.UTF_8);
            file = path;
        } catch (IOException | RuntimeException e) {
            out.println("java-concurrency kernel: cannot write its log to " + path + ": " + e);
        }
    }

    /**
     * Creates the file readable and writable by its owner only (0600), whatever the umask, or makes an existing
     * one so: the log names the cells' errors, and other users of a shared machine must not read it.
     */
    static Path ownerOnly(Path path) throws IOException {
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-------");
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(mode));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(path, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's permissions apply
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
        }
        return path;
    }

    /** The log file, or null when the kernel logs to its standard error. */
    static Path file() {
        return file;
    }

    static void info(String message) {
        out.println(LocalTime.now() + " " + message);
    }

    /**
     * At a clean shutdown: deletes the log unless it holds an error, so Jupyter's runtime folder does not collect
     * one file per kernel ever started (Jupyter removes the connection file beside it the same way). A kernel
     * that crashed or logged an error keeps its log (readable by its owner only). Also run when the kernel is
     * ended by a signal (SIGTERM, SIGHUP); only SIGKILL leaves a clean log behind.
     */
    static synchronized void closeClean() {
        Path path = file;
        if (path == null || errors) {
            return;
        }
        PrintStream closing = out;
        out = new PrintStream(java.io.OutputStream.nullOutputStream()); // lines logged while the JVM exits
        file = null;
        closing.close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the log stays; nothing else to do at exit
        }
    }

    static void error(String message, Throwable e) {
        errors = true;
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        out.println(LocalTime.now() + " ERROR " + message + "\n" + trace);
    }
}

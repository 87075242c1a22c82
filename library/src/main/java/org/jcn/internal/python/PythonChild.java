package org.jcn.internal.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jcn.internal.cell.CellWork;

/**
 * One Python interpreter process started by the library: its standard error (and, for programs, its standard
 * output) copied into the calling cell as it is written, its work tracked by {@link CellWork}, and its whole
 * process tree destroyed when the cell is interrupted, when it is closed, or when this JVM exits.
 *
 * <p>The copying threads are started from the calling thread, so that the project's kernel routes what they
 * print to the calling cell. Thread safe.
 */
public final class PythonChild {

    private static final int TAIL_CHARS = 4_000;
    private static final Set<PythonChild> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(PythonChild::destroy),
                "jcn-python-reaper"));
    }

    private final Process process;
    private final String description;
    private final StringBuilder stderrTail = new StringBuilder();
    private final Thread stderrCopier;
    private final Thread stdoutCopier;
    private volatile boolean idle;

    private PythonChild(Process process, String description, boolean copyStdout) {
        this.process = process;
        this.description = description;
        this.stderrCopier = copier(process.getErrorStream(), () -> System.err, stderrTail, "stderr");
        this.stdoutCopier = copyStdout ? copier(process.getInputStream(), () -> System.out, null, "stdout") : null;
    }

    /**
     * Starts {@code python arguments...} with the given extra environment variables and tracks it.
     *
     * @param copyStdout whether standard output goes to the cell (programs) or stays for the caller (a worker)
     * @param idleIsDone whether the cell need not wait for it while {@link #setIdle idle} (a sweep's worker)
     * @param what       names it in messages, such as the program's file name
     * @throws IOException if the process can't be started
     */
    public static PythonChild start(Path python, List<String> arguments, Map<String, String> environment,
                                    boolean copyStdout, boolean idleIsDone, String what) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(python.toString());
        command.add("-u"); // unbuffered: every print reaches the cell as it happens
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Programs.folder().toFile());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        builder.environment().putAll(environment);
        Process process = builder.start();
        PythonChild child = new PythonChild(process, "Python pid " + process.pid() + " (" + what + ")", copyStdout);
        LIVE.add(child);
        process.onExit().thenRun(() -> LIVE.remove(child));
        CellWork.track(child.handle(idleIsDone));
        return child;
    }

    public Process process() {
        return process;
    }

    public String description() {
        return description;
    }

    /** Marks a worker as waiting for requests (true) or running one (false). */
    public void setIdle(boolean idle) {
        this.idle = idle;
    }

    /** Waits until the process has exited and its output has been copied; destroys it if interrupted. */
    public int waitFor() throws InterruptedException {
        try {
            int code = process.waitFor();
            stderrCopier.join(2_000);
            if (stdoutCopier != null) {
                stdoutCopier.join(2_000);
            }
            return code;
        } catch (InterruptedException e) {
            destroy();
            throw e;
        }
    }

    /** Waits at most {@code millis} for the process to exit by itself. */
    public boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** The last few thousand characters the process wrote to standard error. */
    public String stderrTail() {
        synchronized (stderrTail) {
            return stderrTail.toString().strip();
        }
    }

    /**
     * Destroys the process and every process it started (a pool's workers, a forkserver), children first, and
     * waits briefly until the process is gone.
     */
    public void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CellWork.Handle handle(boolean idleIsDone) {
        return new CellWork.Handle() {
            @Override
            public boolean isDone() {
                return !process.isAlive() || (idleIsDone && idle);
            }

            @Override
            public void cancel() {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    private Thread copier(InputStream source, Supplier<PrintStream> target, StringBuilder tail, String what) {
        Thread thread = new Thread(() -> copy(source, target, tail), "jcn-python-" + process.pid() + "-" + what);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Copies text as it arrives, partial lines included (a progress bar, a prompt). */
    private static void copy(InputStream source, Supplier<PrintStream> target, StringBuilder tail) {
        char[] buffer = new char[8192];
        try (Reader in = new InputStreamReader(source, StandardCharsets.UTF_8)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                PrintStream out = target.get();
                out.print(new String(buffer, 0, n));
                out.flush();
                if (tail != null) {
                    synchronized (tail) {
                        tail.append(buffer, 0, n);
                        if (tail.length() > TAIL_CHARS) {
                            tail.delete(0, tail.length() - TAIL_CHARS);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what it wrote so far has been copied
        }
    }
}

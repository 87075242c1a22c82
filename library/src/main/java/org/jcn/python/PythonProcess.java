package org.jcn.python;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jcn.internal.python.Json;
import org.jcn.internal.python.PythonChild;

/**
 * A Python program started by {@link PythonInterpreter#start}: the Python counterpart of
 * {@link org.jcn.processes.ChildProcess}.
 *
 * <p>What the program prints appears in the calling cell as it is printed. {@link #join()} waits for its end and
 * returns what it reported. Interrupting a thread waiting in {@code join}, or the cell that started it, destroys
 * the program together with every process it started (a multiprocessing pool, a forkserver); so does
 * {@link #close()}. Thread safe.
 *
 * {@snippet :
 * try (PythonProcess slow = Python.require().start("cpu_sum.py", "100000000")) {
 *     // ... the program runs while this cell goes on ...
 *     PythonRun run = slow.join();
 * }
 * }
 */
public final class PythonProcess implements AutoCloseable {

    private final PythonInterpreter interpreter;
    private final String program;
    private final List<String> arguments;
    private final PythonChild child;
    private final Path report;
    private final long startNanos = System.nanoTime();

    PythonProcess(PythonInterpreter interpreter, String program, List<String> arguments, PythonChild child,
                  Path report) {
        this.interpreter = interpreter;
        this.program = program;
        this.arguments = arguments;
        this.child = child;
        this.report = report;
    }

    /** The interpreter's process id. */
    public long pid() {
        return child.process().pid();
    }

    /** Whether the program is still running. */
    public boolean isAlive() {
        return child.process().isAlive();
    }

    /**
     * Waits until the program has ended and all its output has been copied, and returns what it reported.
     *
     * @return the run's records, exit code and elapsed time
     * @throws PythonException      if the program raised (with Python's type, message and traceback) or exited
     *                              with a code other than 0 (with the end of its standard error)
     * @throws InterruptedException if the waiting thread is interrupted; the program and its children are
     *                              destroyed first
     */
    public PythonRun join() throws InterruptedException {
        int code = child.waitFor();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> error = null;
        for (Map<String, Object> record : readReport()) {
            if ("error".equals(record.get("kind"))) {
                error = record;
            } else {
                records.add(record);
            }
        }
        if (error != null) {
            throw new PythonException(program + " raised " + error.get("type") + ": " + error.get("message"),
                    String.valueOf(error.get("type")), String.valueOf(error.get("traceback")), code);
        }
        if (code != 0) {
            String stderr = child.stderrTail();
            throw new PythonException(program + " exited with code " + code
                    + (stderr.isEmpty() ? "" : "; its standard error ends with:\n" + stderr), null, stderr, code);
        }
        return new PythonRun(interpreter, program, arguments, code, elapsed, records, null);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> readReport() {
        try {
            List<Map<String, Object>> records = new ArrayList<>();
            for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && Json.parse(line) instanceof Map<?, ?> map) {
                    records.add((Map<String, Object>) map);
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read what " + program + " reported", e);
        } finally {
            deleteReport();
        }
    }

    private void deleteReport() {
        try {
            Files.deleteIfExists(report);
        } catch (IOException e) {
            report.toFile().deleteOnExit();
        }
    }

    /** Destroys the program and the processes it started if it is still running, and waits until it is gone. */
    @Override
    public void close() {
        if (child.process().isAlive()) {
            child.destroy();
        }
        deleteReport();
    }

    @Override
    public String toString() {
        return "PythonProcess[" + program + ", pid " + pid() + (isAlive() ? ", running]" : ", finished]");
    }
}

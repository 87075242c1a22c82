package org.jcn.python;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jcn.internal.python.Programs;
import org.jcn.internal.python.PythonChild;

/**
 * A Python 3 interpreter found on this machine, as it describes itself, and the way to run a program on it.
 *
 * <p>Get one from {@link Python#find()}, {@link Python#freeThreaded()} or {@link Python#at(Path)}. A
 * <em>free-threaded</em> build (such as {@code python3.14t}) can run without the global interpreter lock; whether
 * its lock is on right now is {@link #gilEnabled()} (a free-threaded build turns it back on for an extension
 * module that asks for it, or when {@code PYTHON_GIL=1}). Immutable and thread safe.
 *
 * {@snippet :
 * PythonInterpreter python = Python.require();
 * python.version();                                             // "3.11.2"
 * PythonRun run = python.run("cpu_sum.py", "10000000", "--ways", "threading", "--workers", "1,2");
 * run.toTable();                                                // one row per measurement
 * }
 *
 * @param path                the interpreter's executable ({@code sys.executable})
 * @param version             its version, such as {@code 3.11.2}
 * @param freeThreadedBuild   whether it was built without the global interpreter lock (PEP 703)
 * @param gilEnabled          whether its global interpreter lock is on when it starts with no options
 * @param startMethods        the multiprocessing start methods this platform has ({@code fork}, {@code spawn},
 *                            {@code forkserver})
 * @param defaultStartMethod  the start method multiprocessing uses unless told otherwise
 * @param hasInterpreterPool  whether {@code concurrent.futures.InterpreterPoolExecutor} exists (3.14+)
 * @param hasAiohttp          whether {@code aiohttp} is importable
 */
public record PythonInterpreter(Path path, String version, boolean freeThreadedBuild, boolean gilEnabled,
                                List<String> startMethods, String defaultStartMethod, boolean hasInterpreterPool,
                                boolean hasAiohttp) {

    /** Checks the fields; see the record's description. */
    public PythonInterpreter {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(version, "version must not be null");
        startMethods = List.copyOf(startMethods);
        Objects.requireNonNull(defaultStartMethod, "defaultStartMethod must not be null");
    }

    /**
     * A short description, such as {@code Python 3.11.2} or {@code Python 3.14.0 free-threaded (GIL off)}.
     *
     * @return the label
     */
    public String label() {
        return "Python " + version + (freeThreadedBuild ? " free-threaded (GIL " + (gilEnabled ? "on" : "off") + ")"
                : "");
    }

    /**
     * Runs a program to its end: its output streams into the calling cell as it is printed, and its records come
     * back as data. Equivalent to {@code start(program, arguments).join()}.
     *
     * @param program   one of the project's programs by name ({@code cpu_sum.py}, {@code downloads.py},
     *                  {@code footprint.py}), or the path of any Python file
     * @param arguments the program's command-line arguments
     * @return what the program reported
     * @throws PythonException          if the program raised (with Python's type, message and traceback) or
     *                                  exited with a code other than 0
     * @throws IllegalArgumentException if {@code program} is neither a project program nor a file
     * @throws InterruptedException     if the calling thread is interrupted; the program and every process it
     *                                  started are destroyed first
     */
    public PythonRun run(String program, String... arguments) throws InterruptedException {
        try (PythonProcess process = start(program, arguments)) {
            return process.join();
        }
    }

    /**
     * Starts a program and returns at once. Its output streams into the calling cell; the project's kernel
     * stops it, with every process it started, when the cell is interrupted.
     *
     * @param program   as for {@link #run}
     * @param arguments the program's command-line arguments
     * @return the running program
     * @throws IllegalArgumentException if {@code program} is neither a project program nor a file
     * @throws UncheckedIOException     if the interpreter can't be started
     */
    public PythonProcess start(String program, String... arguments) {
        Objects.requireNonNull(program, "program must not be null");
        Path file = Programs.resolve(program);
        List<String> command = new ArrayList<>();
        command.add(Programs.folder().resolve("jcn_run.py").toString());
        command.add(file.toString());
        for (String argument : arguments) {
            command.add(Objects.requireNonNull(argument, "arguments must not contain null"));
        }
        try {
            Path report = Files.createTempFile("jcn-python-report-", ".jsonl");
            PythonChild child = PythonChild.start(path, command, Map.of("JCN_REPORT", report.toString()), true,
                    false, file.getFileName().toString());
            return new PythonProcess(this, file.getFileName().toString(), List.of(arguments), child, report);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + path + " for " + program + ": " + e.getMessage(), e);
        }
    }
}

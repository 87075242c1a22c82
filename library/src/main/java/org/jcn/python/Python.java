package org.jcn.python;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jcn.internal.machine.Machine;
import org.jcn.internal.python.Discovery;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The bridge to Python: finds the interpreters on this machine and runs the project's Python programs on them, so
 * that a notebook can measure a tutorial's Python claim beside its Java answer.
 *
 * <p><b>Which Python.</b> {@link #find()} takes, in order: the interpreter named by the environment variable
 * {@code JCN_PYTHON} (or the system property {@code jcn.python}); the Python that runs Jupyter; {@code python3}
 * on the {@code PATH}; {@code /usr/bin/python3}. {@link #freeThreaded()} lists the free-threaded builds
 * ({@code python3.13t}, {@code python3.14t}, ...) found on the {@code PATH}, in {@code ~/.local/bin}, pyenv's and
 * conda's folders, or named by {@code JCN_PYTHON_FREE_THREADED}.
 *
 * <p><b>No Python.</b> Nothing fails: {@link #run} prints {@link #missingMessage()} into the cell and returns a
 * skipped run, {@link #mechanisms()} is empty, {@link #interpreters()} says what to install. Only
 * {@link #require()} throws. All methods are thread safe; what was found is remembered for the JVM's lifetime.
 *
 * {@snippet :
 * Python.interpreters();                          // a table: which Pythons, their versions, GIL on or off
 * PythonRun run = Python.run("cpu_sum.py", "10000000", "--ways", "threading,multiprocessing", "--workers", "1,2");
 * run.toTable();                                  // what the program measured, as data
 * }
 */
public final class Python {

    private Python() {
    }

    /**
     * The default Python 3 interpreter (see the class description for the order), or empty if there is none.
     *
     * @return the interpreter
     */
    public static Optional<PythonInterpreter> find() {
        return Discovery.find();
    }

    /**
     * The default interpreter, which must exist.
     *
     * @return the interpreter
     * @throws IllegalStateException if none was found; the message is {@link #missingMessage()}
     */
    public static PythonInterpreter require() {
        return find().orElseThrow(() -> new IllegalStateException(missingMessage()));
    }

    /**
     * The interpreter at {@code path}, asked what it is.
     *
     * @param path an executable, such as {@code /usr/bin/python3}
     * @return the interpreter
     * @throws IllegalArgumentException if there is no working Python 3 at {@code path}
     */
    public static PythonInterpreter at(Path path) {
        Objects.requireNonNull(path, "path must not be null");
        return Discovery.probe(path).orElseThrow(() -> new IllegalArgumentException(
                "no working Python 3 interpreter at " + path + " (missing, not executable, or not Python 3)"));
    }

    /**
     * Every free-threaded build found on this machine, newest first; empty on most machines today.
     *
     * @return the interpreters, each with {@link PythonInterpreter#freeThreadedBuild()} true
     */
    public static List<PythonInterpreter> freeThreaded() {
        return Discovery.freeThreaded();
    }

    /**
     * What to do when no Python was found: where the bridge looked and what to install.
     *
     * @return a message of a few lines
     */
    public static String missingMessage() {
        String named = Discovery.named();
        String where = named != null
                ? "JCN_PYTHON (or jcn.python) names " + named + ", which is not a working Python 3 interpreter."
                : "No Python 3 interpreter was found (looked for the Python running Jupyter, python3 on the PATH and "
                + "/usr/bin/python3).";
        return where + " The Python measurements are skipped. To add them, install Python 3 (Debian/Ubuntu: "
                + "sudo apt-get install python3; macOS: brew install python; conda: conda install python) or set "
                + "JCN_PYTHON to an interpreter's path, then restart the kernel.";
    }

    /**
     * Runs one of the project's programs on the default interpreter, or skips it with a message when there is
     * none: the form notebook cells use, so that a machine without Python still runs them to the end.
     *
     * @param program   a project program ({@code cpu_sum.py}, {@code downloads.py}, {@code footprint.py}) or a file
     * @param arguments its command-line arguments
     * @return what it reported, or a {@linkplain PythonRun#ran() skipped} run after printing
     *         {@link #missingMessage()}
     * @throws PythonException      if the program raised or exited with a code other than 0
     * @throws InterruptedException if interrupted; the program and its children are destroyed first
     */
    public static PythonRun run(String program, String... arguments) throws InterruptedException {
        Objects.requireNonNull(program, "program must not be null");
        Optional<PythonInterpreter> python = find();
        if (python.isEmpty()) {
            System.out.println("skipped " + program + ": " + missingMessage());
            return PythonRun.skipped(program, List.of(arguments), missingMessage());
        }
        return python.get().run(program, arguments);
    }

    /**
     * The interpreters found: the default one and every free-threaded build, with version, path, whether the
     * global interpreter lock is on, the default multiprocessing start method, and whether
     * {@code InterpreterPoolExecutor} and {@code aiohttp} are there. Without any Python, one row saying what to
     * install.
     *
     * @return a new table
     */
    public static Table interpreters() {
        List<String[]> rows = new ArrayList<>();
        find().ifPresentOrElse(p -> rows.add(row("default", p)),
                () -> rows.add(new String[] {"default", "none found", "", "", "", "", "", missingMessage()}));
        for (PythonInterpreter p : freeThreaded()) {
            if (find().map(d -> !d.path().equals(p.path())).orElse(true)) {
                rows.add(row("free-threaded", p));
            }
        }
        if (freeThreaded().isEmpty()) {
            rows.add(new String[] {"free-threaded", "not installed here", "", "", "", "", "",
                    "add one: see the README (python3.14t on the PATH, or JCN_PYTHON_FREE_THREADED)"});
        }
        String[] names = {"role", "version", "path", "GIL", "default start method", "InterpreterPoolExecutor",
                "aiohttp", "note"};
        Table table = Table.create("Python interpreters · " + Machine.currentLabel());
        for (int c = 0; c < names.length; c++) {
            int column = c;
            table.addColumns(StringColumn.create(names[c], rows.stream().map(r -> r[column])));
        }
        return table;
    }

    private static String[] row(String role, PythonInterpreter p) {
        String gil = p.freeThreadedBuild() ? (p.gilEnabled() ? "on (free-threaded build)" : "off (free-threaded build)")
                : "on";
        return new String[] {role, p.version(), p.path().toString(), gil, p.defaultStartMethod(),
                p.hasInterpreterPool() ? "yes" : "no (3.14+)", p.hasAiohttp() ? "yes" : "no", ""};
    }
}

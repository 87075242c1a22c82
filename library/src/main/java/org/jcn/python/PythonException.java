package org.jcn.python;

import java.util.OptionalInt;

/**
 * A Python program or task that failed: the Python exception's type, message and traceback, or the exit code and
 * standard error of an interpreter that ended without one.
 *
 * {@snippet :
 * try {
 *     Python.require().run("broken.py");
 * } catch (PythonException e) {
 *     e.pythonType();   // "ZeroDivisionError"
 *     e.traceback();    // "Traceback (most recent call last):\n  File ..."
 * }
 * }
 */
public final class PythonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final String traceback;
    private final Integer exitCode;

    /**
     * Creates the exception.
     *
     * @param message    what failed, for the reader
     * @param pythonType the Python exception's class name, or null if the interpreter ended without one
     * @param traceback  Python's traceback text, or the end of standard error; empty if there was none
     * @param exitCode   the interpreter's exit code, or null while it still runs (a pool worker's task failed)
     */
    public PythonException(String message, String pythonType, String traceback, Integer exitCode) {
        super(message);
        this.pythonType = pythonType;
        this.traceback = traceback == null ? "" : traceback;
        this.exitCode = exitCode;
    }

    /** The Python exception's class name, such as {@code ZeroDivisionError}; null if there was none. */
    public String pythonType() {
        return pythonType;
    }

    /** Python's traceback as Python prints it (or the end of standard error); empty if there was none. */
    public String traceback() {
        return traceback;
    }

    /** The interpreter's exit code; empty when the interpreter is still running (a worker whose task failed). */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }
}

package org.jcn.processes;

import java.util.OptionalInt;

/**
 * Thrown when work sent to a child JVM did not produce a result: the task threw (the exception thrown in the
 * child is the {@linkplain #getCause() cause}, with its class, message and stack trace), the child exited or was
 * killed before it answered ({@link #exitCode()} and {@link #stderr()} say how), it ran past its timeout, or it
 * could not be started.
 */
public class ChildProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean exited;
    private final int exitCode;
    private final String stderr;

    /**
     * Creates an exception for a task that failed, or a child that could not be started or was stopped.
     *
     * @param message the detail message
     * @param cause what the task threw, or what stopped the child; may be null
     */
    public ChildProcessException(String message, Throwable cause) {
        super(message, cause);
        this.exited = false;
        this.exitCode = 0;
        this.stderr = "";
    }

    /**
     * Creates an exception for a child that exited before it returned a result.
     *
     * @param message the detail message
     * @param exitCode the child's exit code
     * @param stderr the last lines the child wrote to its stderr, or empty
     */
    public ChildProcessException(String message, OptionalInt exitCode, String stderr) {
        super(message);
        this.exited = exitCode.isPresent();
        this.exitCode = exitCode.orElse(0);
        this.stderr = stderr == null ? "" : stderr;
    }

    /** The exit code of a child that exited before it returned a result; empty otherwise. */
    public OptionalInt exitCode() {
        return exited ? OptionalInt.of(exitCode) : OptionalInt.empty();
    }

    /** The last lines (up to 40) the child wrote to its stderr before it exited; empty if none or still running. */
    public String stderr() {
        return stderr;
    }
}

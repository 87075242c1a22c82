package org.jcn.internal.cell;

import java.util.Arrays;

import org.jcn.internal.Kernels;

/**
 * What {@code System.exit} does in a cell of the project's kernel: it stops the cell (or the thread that called it)
 * with this error instead of ending the kernel's JVM, which would end every definition of the session with it. As
 * IPython does for Python's {@code sys.exit()}, the learner sees the call and its status, and the next cell runs.
 *
 * <p>The kernel rewrites the calls to {@code System.exit(int)} in the classes a cell defines into calls to
 * {@link #exit(int)} (see the kernel's {@code ExitCalls}); code outside the cell (a library's) still ends the JVM. An error, not
 * an exception, so that the cell's {@code catch (Exception e)} does not swallow it; {@code finally} blocks do run,
 * which a real exit would skip.
 *
 * <p>Only in the kernel's JVM, which {@link Kernels#running()} tells: a child JVM that runs a cell's code (its
 * classes come from the kernel, rewritten) exits as {@code System.exit} says, as a Python child process does on
 * {@code sys.exit()}. Here, in the library, because a child has the library and not the kernel.
 */
public final class SystemExit extends Error {

    private static final long serialVersionUID = 1L;

    private final int status;

    private SystemExit(int status) {
        super("System.exit(" + status + ") stopped this code; in a notebook it would end the kernel and every"
                + " definition of the session. The next cell runs as usual.");
        this.status = status;
    }

    /**
     * Called instead of {@code System.exit(status)} by the code of a cell.
     *
     * @param status the status the code asked to exit with
     * @throws SystemExit always in the kernel's JVM; elsewhere the JVM exits
     */
    public static void exit(int status) {
        // The kernel's JVM is the only one whose end would lose a session.
        if (Kernels.running() == null) {
            Runtime.getRuntime().exit(status);
            return;
        }
        SystemExit exit = new SystemExit(status);
        StackTraceElement[] frames = exit.getStackTrace();
        exit.setStackTrace(Arrays.copyOfRange(frames, Math.min(1, frames.length), frames.length)); // from the caller
        throw exit;
    }

    /**
     * Called instead of {@code runtime.halt(status)} by the code of a cell (see the kernel's {@code HaltCalls}):
     * halts as asked, after the kernel said in the cell why it ends (a halt runs no shutdown hook that could say it
     * later).
     */
    public static void halt(Runtime runtime, int status) {
        Kernels.Host kernel = Kernels.running();
        if (kernel != null) {
            try {
                kernel.beforeHalt(status);
            } catch (RuntimeException | Error e) {
                // halting anyway
            }
        }
        runtime.halt(status);
    }

    /** @return the status the code asked to exit with */
    public int status() {
        return status;
    }
}

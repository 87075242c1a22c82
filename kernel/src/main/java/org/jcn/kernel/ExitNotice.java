package org.jcn.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dflib.jjava.jupyter.messages.publish.PublishStream.StreamType;
import org.jcn.internal.cell.SystemExit;

/**
 * The last line a cell shows when its code ends the kernel's JVM: {@code System.exit} in a cell only stops the
 * cell ({@link SystemExit}), but {@code Runtime.getRuntime().exit(1)}, {@code halt(1)} and a library's {@code
 * System.exit} end the JVM, and the notebook showed nothing but a dead kernel. For an exit, run by the kernel's
 * shutdown hook; the JVM does not tell a hook the exit status, so the line names the call and the cell line instead.
 * A halt runs no hook: a cell's call to it says so itself first ({@link HaltCalls}), with its status.
 */
final class ExitNotice {

    private ExitNotice() {
    }

    /** Publishes the line in the running cell if a cell's code called {@code Runtime.exit}; otherwise nothing. */
    static void tell(CompletableFuture<Evaluator> evaluator) {
        StackTraceElement[] caller = exitingCellCode();
        if (caller != null) {
            say(Cells.running(), evaluator, caller, "Runtime.exit", "ends Java itself (System.exit in a cell only"
                    + " stops the cell)");
        }
    }

    /** Publishes the line in the cell whose code calls {@code Runtime.halt(status)} in this thread. */
    static void halting(CompletableFuture<Evaluator> evaluator, int status) {
        StackTraceElement[] frames = new Throwable().getStackTrace();
        int call = 0;
        while (call < frames.length && !frames[call].getClassName().equals(SystemExit.class.getName())) {
            call++;
        }
        Cell cell = Cells.owner() != null ? Cells.owner() : Cells.running();
        say(cell, evaluator, java.util.Arrays.copyOfRange(frames, Math.min(call + 1, frames.length), frames.length),
                "Runtime.halt(" + status + ")", "ends Java at once");
    }

    private static void say(Cell cell, CompletableFuture<Evaluator> evaluator, StackTraceElement[] caller, String call,
            String what) {
        if (cell == null) {
            return;
        }
        try {
            String text = "\n[the kernel is ending: the code called " + call + where(evaluator, caller) + ", which "
                    + what + ". Every variable and definition is lost; restart the kernel and run the cells again.]\n";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            cell.streams.write(StreamType.ERR, bytes, 0, bytes.length);
            cell.streams.flush();
            Thread.sleep(200); // the socket's own thread sends it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.error("cannot say why the kernel ends", e);
        }
    }

    // " at f (cell [3] line 2)": the first frame of cell code in the caller's stack; empty if none can be named.
    private static String where(CompletableFuture<Evaluator> evaluator, StackTraceElement[] caller) {
        if (!evaluator.isDone() || evaluator.isCompletedExceptionally()) {
            return "";
        }
        Throwable at = new Throwable();
        at.setStackTrace(caller);
        for (String line : evaluator.join().trace(at).split("\n")) {
            if (line.contains("(cell [")) {
                return " at " + line.strip().replaceFirst("^at ", "");
            }
        }
        return "";
    }

    /** The stack, from the call into the JDK's exit, of a thread running cell code that is exiting; or null. */
    private static StackTraceElement[] exitingCellCode() {
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] frames = entry.getValue();
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().equals("java.lang.Runtime") && frames[i].getMethodName().equals("exit")) {
                    for (int j = i + 1; j < frames.length; j++) {
                        if (frames[j].getClassName().startsWith("REPL.")) {
                            return java.util.Arrays.copyOfRange(frames, i, frames.length);
                        }
                    }
                }
            }
        }
        return null;
    }
}

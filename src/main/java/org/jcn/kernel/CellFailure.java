package org.jcn.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;

/**
 * Why a cell failed, in the three parts of a Jupyter error: a name, a value and the lines of a traceback.
 *
 * <p>Compile errors name the cell line and put a caret under the column; stack traces name cell lines
 * ({@code at f (cell line 3)}) instead of JShell's wrapper classes ({@code REPL.$JShell$12.f(#12:1)}) and stop
 * where the kernel's own frames begin.
 */
final class CellFailure extends Exception {

    private static final long serialVersionUID = 1L;

    final String name;
    final String value;
    final List<String> traceback;

    private CellFailure(String name, String value, List<String> traceback) {
        super(name + ": " + value, null, false, false);
        this.name = name;
        this.value = value;
        this.traceback = List.copyOf(traceback);
    }

    static CellFailure of(String name, String value, List<String> traceback) {
        List<String> lines = new ArrayList<>();
        lines.add(name + ": " + value);
        lines.addAll(traceback);
        return new CellFailure(name, value, lines);
    }

    static CellFailure compile(String code, Snippets.Part part, List<Diag> errors) {
        List<String> lines = new ArrayList<>();
        String[] cellLines = code.split("\n", -1);
        String first = errors.isEmpty() ? "the code does not compile" : errors.get(0).getMessage(Locale.ROOT);
        for (Diag diag : errors) {
            int start = part.start() + (int) Math.max(0, diag.getStartPosition());
            int end = part.start() + (int) Math.max(diag.getStartPosition(), diag.getEndPosition());
            int line = Snippets.lineOf(code, start);
            int lineStart = code.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
            if (start == 0) {
                lineStart = 0;
            }
            int column = start - lineStart + 1;
            lines.add("cell line " + line + ", column " + column + ": " + diag.getMessage(Locale.ROOT));
            String text = line - 1 < cellLines.length ? cellLines[line - 1] : "";
            lines.add("    " + text);
            int width = Math.max(1, Math.min(end, lineStart + text.length()) - start);
            lines.add("    " + " ".repeat(Math.max(0, column - 1)) + "^".repeat(width));
        }
        return new CellFailure("CompilationError", first, lines);
    }

    static CellFailure exception(EvalException thrown, Snippets snippets) {
        List<String> lines = new ArrayList<>();
        EvalException current = thrown;
        boolean first = true;
        while (current != null) {
            String message = current.getMessage();
            lines.add((first ? "" : "Caused by: ") + current.getExceptionClassName()
                    + (message == null ? "" : ": " + message));
            for (StackTraceElement frame : current.getStackTrace()) {
                lines.add("    at " + frame(frame, snippets));
                if (frame.getMethodName().isEmpty() || frame.getMethodName().equals("do_it$")) {
                    break; // below it: the kernel running the snippet
                }
            }
            first = false;
            current = current.getCause() instanceof EvalException cause ? cause : null;
        }
        String message = thrown.getMessage();
        return new CellFailure(thrown.getExceptionClassName(), message == null ? "" : message, lines);
    }

    /**
     * The stack trace of an exception, as {@link Throwable#printStackTrace()} prints it but with each frame
     * written by {@code frames} (which names cell code by cell line).
     */
    static String trace(Throwable thrown, Function<StackTraceElement, String> frames) {
        StringBuilder text = new StringBuilder();
        Throwable current = thrown;
        StackTraceElement[] enclosing = new StackTraceElement[0];
        for (int depth = 0; current != null && depth < 20; depth++) {
            text.append(depth == 0 ? "" : "Caused by: ").append(current).append('\n');
            StackTraceElement[] trace = current.getStackTrace();
            // As the JDK prints a cause: the frames it shares with the trace above it are counted, not repeated.
            int shared = 0;
            while (shared < trace.length && shared < enclosing.length
                    && trace[trace.length - 1 - shared].equals(enclosing[enclosing.length - 1 - shared])) {
                shared++;
            }
            for (int i = 0; i < trace.length - shared; i++) {
                text.append("\tat ").append(frames.apply(trace[i])).append('\n');
            }
            if (shared > 0) {
                text.append("\t... ").append(shared).append(" more\n");
            }
            enclosing = trace;
            current = current.getCause() == current ? null : current.getCause();
        }
        return text.toString();
    }

    /** One frame, with cell code named by cell line; JShell gives cell frames the file name {@code #id}. */
    static String frame(StackTraceElement frame, Snippets snippets) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return frame.toString();
        }
        return named(frame, snippets.origin(file.substring(1)), Math.max(1, frame.getLineNumber()));
    }

    /** A frame of cell code: its method, and the cell line of {@code snippetLine} (1-based; 0 if unknown). */
    static String named(StackTraceElement frame, Snippets.Origin origin, int snippetLine) {
        String method = method(frame.getClassName(), frame.getMethodName());
        if (origin == null) {
            return method + " (start-up code)";
        }
        String line = snippetLine <= 0 ? "" : " line " + (origin.firstLine() + snippetLine - 1);
        return method + " (cell [" + origin.count() + "]" + line + ")";
    }

    // JShell names cell frames by the declared type and method (empty for the cell's top-level code); lambdas
    // appear as lambda$name$0.
    private static String method(String className, String method) {
        String type = className.replaceFirst("^REPL\\.\\$JShell\\$\\d+\\$?", "").replace('$', '.');
        if (method.isEmpty() || method.equals("do_it$")) {
            return "the cell's code";
        }
        if (method.startsWith("lambda$")) {
            return "a lambda in " + (type.isEmpty() ? "the cell" : type);
        }
        return type.isEmpty() ? method : type + "." + method;
    }
}

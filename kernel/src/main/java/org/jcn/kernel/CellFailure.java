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
        String first = errors.isEmpty() ? "the code does not compile" : message(errors.get(0));
        for (Diag diag : errors) {
            int start = part.start() + (int) Math.max(0, diag.getStartPosition());
            int end = part.start() + (int) Math.max(diag.getStartPosition(), diag.getEndPosition());
            int line = Snippets.lineOf(code, start);
            int lineStart = code.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
            if (start == 0) {
                lineStart = 0;
            }
            int column = start - lineStart + 1;
            lines.add("cell line " + line + ", column " + column + ": " + message(diag));
            String text = line - 1 < cellLines.length ? cellLines[line - 1] : "";
            lines.add("    " + text);
            int width = Math.max(1, Math.min(end, lineStart + text.length()) - start);
            lines.add("    " + " ".repeat(Math.max(0, column - 1)) + "^".repeat(width));
        }
        return new CellFailure("CompilationError", first, lines);
    }

    /** javac's message without the "location: class " line that names JShell's nameless wrapper class. */
    static String message(Diag diag) {
        return diag.getMessage(Locale.ROOT).replaceAll("\\n\\s*location: class\\s*(?=\\n|$)", "");
    }

    static CellFailure exception(EvalException thrown, Snippets snippets) {
        List<String> lines = new ArrayList<>();
        EvalException current = thrown;
        boolean first = true;
        while (current != null) {
            String message = current.getMessage();
            lines.add((first ? "" : "Caused by: ") + current.getExceptionClassName()
                    + (message == null ? "" : ": " + cellTerms(message)));
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : current.getStackTrace()) {
                frames.add("    at " + frame(frame, snippets));
                if (frame.getMethodName().isEmpty() || frame.getMethodName().equals("do_it$")) {
                    break; // below it: the kernel running the snippet
                }
            }
            lines.addAll(fold(frames));
            first = false;
            current = current.getCause() instanceof EvalException cause ? cause : null;
        }
        String message = thrown.getMessage();
        return new CellFailure(thrown.getExceptionClassName(), message == null ? "" : cellTerms(message), lines);
    }

    /**
     * A message in the cell's terms: the JDK's helpful NullPointerException names a session variable by its
     * wrapper class ({@code "REPL.$JShell$24B.p" is null}); the learner knows it as {@code p}.
     */
    static String cellTerms(String message) {
        return message.replaceAll("REPL\\.\\$JShell\\$\\d+[A-Z]*\\.", "");
    }

    /**
     * Folds frames that repeat (a recursion that overflowed the stack repeats one to three frames a thousand
     * times): the repeated frames once, then one line counting the rest.
     */
    static List<String> fold(List<String> frames) {
        List<String> folded = new ArrayList<>();
        int i = 0;
        while (i < frames.size()) {
            int bestPeriod = 0;
            int bestRepeats = 1;
            for (int period = 1; period <= 3 && i + period <= frames.size(); period++) {
                int repeats = 1;
                while (i + (repeats + 1) * period <= frames.size()
                        && frames.subList(i + repeats * period, i + (repeats + 1) * period)
                                .equals(frames.subList(i, i + period))) {
                    repeats++;
                }
                if (repeats >= 4 && repeats * period > bestRepeats * Math.max(1, bestPeriod)) {
                    bestPeriod = period;
                    bestRepeats = repeats;
                }
            }
            if (bestPeriod == 0) {
                folded.add(frames.get(i++));
                continue;
            }
            folded.addAll(frames.subList(i, i + bestPeriod));
            int more = (bestRepeats - 1) * bestPeriod;
            folded.add(String.format("    ... %,d more of the same%s", more,
                    bestPeriod == 1 ? "" : " (these " + bestPeriod + " frames, repeated)"));
            i += bestRepeats * bestPeriod;
        }
        return folded;
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
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < trace.length - shared; i++) {
                lines.add("    at " + frames.apply(trace[i]));
            }
            for (String line : fold(lines)) {
                text.append('\t').append(line.substring(4)).append('\n');
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

    // JShell names cell frames by the declared type and method (empty for the cell's top-level code).
    private static String method(String className, String method) {
        String type = className.replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Z]*\\$?", "").replace('$', '.');
        if (method.isEmpty() || method.equals("do_it$")) {
            return "the cell's code";
        }
        if (method.startsWith("lambda$")) {
            return "a lambda in " + enclosing(type, method);
        }
        return type.isEmpty() ? method : type + "." + method;
    }

    /**
     * What a lambda is written in. javac names it {@code lambda$<method>$<n>} after the method around it: {@code
     * do_it$} is the cell's own code (so {@code lambda$do_it$$0}), and so is {@code do_it$Aux} (which JShell makes for
     * the initial value of a {@code var}); {@code static} and {@code new} mean a field's initial value; a nested
     * lambda is named after the outermost method too.
     */
    static String enclosing(String type, String lambda) {
        String rest = lambda.substring("lambda$".length());
        int end = rest.lastIndexOf('$');
        String name = end <= 0 ? "" : rest.substring(0, end);
        if (name.isEmpty() || name.startsWith("do_it$") || name.equals("static") || name.equals("new")) {
            return type.isEmpty() ? "the cell" : type;
        }
        return type.isEmpty() ? name : type + "." + name;
    }
}

package org.jcn.kernel;

import java.io.File;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Drives JShell for the kernel: runs a cell snippet by snippet in this JVM, and answers completion, inspection
 * and "is this code complete" questions. One cell at a time (JShell is not thread safe); the analysis questions
 * may come while a cell runs.
 */
final class Evaluator implements AutoCloseable {

    /** What a cell left as its value: nothing, or one object (possibly null). */
    record Value(boolean present, Object object) {
        static final Value NONE = new Value(false, null);
    }

    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+");

    private final ReentrantLock compiling = new ReentrantLock();
    private final CellControl control = new CellControl(compiling);
    private final JShell shell;
    private final Snippets snippets = new Snippets();
    // Variable name -> wrapper class that holds it, for the variables of the session (latest definition).
    private final Map<String, String> variables = new ConcurrentHashMap<>();

    Evaluator(List<String> classPath, List<String> compilerOptions, PrintStream out, PrintStream err) {
        shell = JShell.builder()
                .executionEngine(CellControl.provider(control), Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .out(out)
                .err(err)
                .build();
        // One call for the whole path: JShell starts its compiler's task pool anew at each call (24 jars one by
        // one took 15 ms more of a start).
        if (!classPath.isEmpty()) {
            shell.addToClasspath(String.join(File.pathSeparator, classPath));
        }
    }

    /** Runs code that is not a cell (the start-up imports); failures go to the kernel's log. */
    void runQuietly(String code) {
        compiling.lock();
        try {
            runLocked(code);
        } finally {
            compiling.unlock();
        }
    }

    // A start-up script is mostly one import per line. Those lines go to JShell as they are: cutting them with
    // JShell's own analysis (as cells are cut) parses the rest of the script once per snippet, which at start-up,
    // while the compiler still runs interpreted, took a third of the kernel's time to its first result. Anything
    // else in the script is cut as a cell is.
    private void runLocked(String code) {
        StringBuilder rest = new StringBuilder();
        for (String line : code.split("\n")) {
            String trimmed = line.strip();
            if (rest.isEmpty() && trimmed.matches("import\\s[\\w.*\\s]+;")) {
                evalQuietly(trimmed);
            } else if (!rest.isEmpty() || !(trimmed.isEmpty() || trimmed.startsWith("//"))) {
                rest.append(line).append('\n');
            }
        }
        for (Snippets.Part part : Snippets.split(shell.sourceCodeAnalysis(), rest.toString())) {
            evalQuietly(part.source());
        }
    }

    private void evalQuietly(String snippet) {
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.status() == Snippet.Status.REJECTED) {
                Log.info("start-up snippet rejected: " + snippet.strip() + ": " + shell.diagnostics(event.snippet())
                        .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; ")));
            }
        }
    }

    /**
     * Runs a cell's code.
     *
     * @return the value of its last snippet when that is an expression
     * @throws CellFailure for code that does not compile, an exception the code threw, or a stop
     */
    Value run(int count, String code, List<String> notes) throws CellFailure {
        control.allowRun();
        Value value = Value.NONE;
        List<Snippets.Part> parts;
        compiling.lock();
        try {
            parts = Snippets.split(shell.sourceCodeAnalysis(), code);
        } finally {
            compiling.unlock();
        }
        for (Snippets.Part part : parts) {
            if (control.stopping()) {
                break; // interrupted: the rest of the cell does not run
            }
            value = Value.NONE;
            List<SnippetEvent> events;
            compiling.lock();
            try {
                events = shell.eval(part.source());
            } finally {
                compiling.unlock();
            }
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue; // an update of an earlier snippet that this one resolved
                }
                Snippet snippet = event.snippet();
                snippets.remember(snippet.id(), count, code, part);
                try {
                    value = outcome(event, code, part, notes);
                } finally {
                    if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                            && event.status().isActive()) {
                        dropTemporary(snippet);
                    }
                }
            }
        }
        return value;
    }

    private Value outcome(SnippetEvent event, String code, Snippets.Part part, List<String> notes) throws CellFailure {
        Snippet snippet = event.snippet();
        JShellException thrown = event.exception();
        if (thrown != null) {
            throw failure(thrown);
        }
        return switch (event.status()) {
            case REJECTED -> throw CellFailure.compile(code, part,
                    shell.diagnostics(snippet).filter(Diag::isError).toList());
            case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> {
                notes.add(Notes.unresolved(shell, snippet));
                yield Value.NONE;
            }
            default -> valueOf(snippet, event, part);
        };
    }

    // JShell keeps the value of every expression as a variable ($1, $2, ...) and imports all of them into each
    // later snippet, so each cell compiled slower than the one before: after 130 one-line expressions, 6*7 took
    // twice as long to compile. The kernel has shown the value already and does not name these variables (as
    // IPython names Out[n]), so it drops them. A value that matters is kept by giving it a name: var x = ...;
    private void dropTemporary(Snippet snippet) {
        compiling.lock();
        try {
            shell.drop(snippet);
        } finally {
            compiling.unlock();
        }
    }

    // A value is shown when the cell ends in an expression without a semicolon; like IPython, a semicolon of the
    // cell's own hides it (JShell itself would show the value of "display(chart);").
    private Value valueOf(Snippet snippet, SnippetEvent event, Snippets.Part part) {
        if (snippet instanceof VarSnippet var && snippet.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            variables.put(var.name(), control.lastClass());
        }
        boolean shown = switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
        shown &= !part.semicolon();
        return shown && event.value() != null ? new Value(true, control.lastValue()) : Value.NONE;
    }

    private CellFailure failure(JShellException thrown) {
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            return CellFailure.of("UnresolvedReference", Notes.unresolved(shell, unresolved.getSnippet()), List.of());
        }
        if (thrown instanceof EvalException eval) {
            return CellFailure.exception(eval, snippets);
        }
        return CellFailure.of(thrown.getClass().getSimpleName(), String.valueOf(thrown.getMessage()), List.of());
    }

    /**
     * An exception's stack trace with the frames of cell code named by cell line. JShell does that itself only for
     * an exception of a snippet's own thread; one from a thread the cell started has the frames of JShell's wrapper
     * classes ({@code REPL.$JShell$22.lambda$do_it$$0($JShell$22.java:7)}), mapped back here through JShell's
     * {@link SourceCodeAnalysis#wrapper}. While JShell compiles for long, the frames stay as they are.
     */
    String trace(Throwable thrown) {
        try {
            if (!compiling.tryLock(200, TimeUnit.MILLISECONDS)) {
                return CellFailure.trace(thrown, StackTraceElement::toString);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CellFailure.trace(thrown, StackTraceElement::toString);
        }
        try {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            Map<String, Snippet> byClass = new HashMap<>();
            shell.snippets().forEach(s -> byClass.put(analysis.wrapper(s).fullClassName(), s));
            return CellFailure.trace(thrown, frame -> cellFrame(frame, analysis, byClass));
        } finally {
            compiling.unlock();
        }
    }

    private String cellFrame(StackTraceElement frame, SourceCodeAnalysis analysis, Map<String, Snippet> byClass) {
        Matcher outer = WRAPPER.matcher(frame.getClassName());
        Snippet snippet = outer.lookingAt() ? byClass.get(outer.group()) : null;
        if (snippet == null) {
            return frame.toString();
        }
        SourceCodeAnalysis.SnippetWrapper wrapper = analysis.wrapper(snippet);
        String wrapped = wrapper.wrapped();
        int at = 0;
        for (int line = 1; line < frame.getLineNumber() && at >= 0; line++) {
            at = wrapped.indexOf('\n', at) + 1;
            at = at == 0 ? -1 : at;
        }
        int source = -1;
        for (int i = at; i >= 0 && i < wrapped.length() && wrapped.charAt(i) != '\n' && source < 0; i++) {
            source = wrapper.wrappedToSourcePosition(i);
        }
        // Lines count from the snippet's first line that is not blank, as in JShell's own traces.
        String text = snippet.source();
        int first = text.length() - text.stripLeading().length();
        int snippetLine = source < 0 ? 0 : Snippets.lineOf(text, source) - Snippets.lineOf(text, first) + 1;
        return CellFailure.named(frame, snippets.origin(snippet.id()), snippetLine);
    }

    /** The current values of the session's variables (for cancelling futures they hold). */
    List<Object> variableValues() {
        List<Object> values = new ArrayList<>();
        variables.forEach((name, className) -> {
            try {
                values.add(control.staticField(className, name));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Log.info("variable " + name + " of " + className + " cannot be read: " + e);
            }
        });
        return values;
    }

    /** Stops the cell code that runs, in every thread (see {@link CellControl}). */
    void stop() {
        shell.stop();
        control.stopCellCode();
    }

    /**
     * Runs {@code question} on JShell's source analysis unless JShell is busy compiling for longer than
     * {@code patience}; then returns {@code otherwise}.
     */
    <T> T analyse(Function<Analysis, T> question, T otherwise, Duration patience) {
        try {
            if (!compiling.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                return otherwise;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        }
        try {
            return question.apply(new Analysis(shell.sourceCodeAnalysis()));
        } finally {
            compiling.unlock();
        }
    }

    @Override
    public void close() {
        shell.close();
    }
}

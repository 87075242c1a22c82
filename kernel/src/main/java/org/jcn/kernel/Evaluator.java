package org.jcn.kernel;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Drives JShell for the kernel: runs a cell snippet by snippet in this JVM, and answers completion, inspection
 * and "is this code complete" questions. One cell at a time (JShell is not thread safe); the analysis questions
 * may come while a cell runs.
 *
 * <p>Longer than the house's ~150 lines: running cells, the questions asked while one runs, and reading back values
 * and traces all go through one JShell and its lock.
 */
final class Evaluator implements AutoCloseable {

    private record Running(String source, Snippets.Origin origin) {
    }

    /** What a cell left as its value: nothing, or one object (possibly null). */
    record Value(boolean present, Object object) {
        static final Value NONE = new Value(false, null);
        /** What a preview cell gives on a kernel without previews: nothing, and the rest of the cell is not run. */
        static final Value SKIPPED = new Value(false, "skipped");
    }

    /**
     * How long naming a frame waits for JShell to finish compiling. A thread that fails or prints a trace while the
     * cell's next snippet compiles waits that long at most (200 ms was too short at load 13 on 2 cores);
     * one that prints holds its stream's lock meanwhile, which JShell's compiling thread does not need.
     */
    private static final Duration FRAME_PATIENCE = Duration.ofSeconds(2);

    private final ReentrantLock compiling = new ReentrantLock();
    private final CellControl control = new CellControl(compiling);
    private final JShell shell;
    private final Snippets snippets = new Snippets();
    // The snippet JShell is running, whose origin is remembered only once it has run: a thread it started may fail
    // before that.
    private volatile Running running;
    // Variable name -> wrapper class that holds it, for the variables of the session (latest definition).
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final WrapperFrames frames;
    private final WrapperClassFiles classFiles;

    /**
     * @param classIndex the listing of the class path's jars that {@code kernel/install} wrote ({@link JarIndex}),
     *     or null to list them at start
     */
    Evaluator(List<String> classPath, Path classIndex, List<String> compilerOptions, PrintStream out,
            PrintStream err) {
        shell = JShell.builder()
                .executionEngine(CellControl.provider(control), Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .fileManager(compilers -> new JarClassPath(compilers, classIndex))
                .out(out)
                .err(err)
                .build();
        frames = new WrapperFrames(shell, this::originOf);
        classFiles = WrapperClassFiles.of(shell);
        // One call for the whole path: JShell starts its compiler's task pool anew at each call (25 jars one by
        // one took 15 ms more of a start).
        if (!classPath.isEmpty()) {
            shell.addToClasspath(String.join(File.pathSeparator, classPath));
        }
    }

    /** Runs code that is not a cell (the start-up imports); failures go to the kernel's log. */
    void runQuietly(String code) {
        control.allowRun();
        compiling.lock();
        try {
            StartupScript.run(shell, code);
        } finally {
            compiling.unlock();
        }
    }

    /**
     * Runs a cell's code.
     *
     * @return the value of its last snippet when that is an expression
     * @throws CellFailure for code that does not compile, an exception the code threw, or a stop
     */
    Value run(int count, String code, List<String> notes) throws CellFailure {
        // A declaration that waits for one declared further down the cell (a sealed interface before the records
        // it permits) is resolved by then: its note is given only if it still waits when the cell ends.
        Map<Snippet, String> waiting = new java.util.LinkedHashMap<>();
        // A variable a redefinition reset, by name: no note when the cell declares it again afterwards (a cell that
        // declares a class and a variable of it, run a second time).
        Map<String, String> resets = new java.util.LinkedHashMap<>();
        try {
            return run(count, code, notes, waiting, resets);
        } finally {
            resets.values().forEach(notes::add);
            waiting.forEach((snippet, note) -> {
                Snippet.Status now = shell.status(snippet);
                if (now == Snippet.Status.RECOVERABLE_DEFINED || now == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    notes.add(Notes.unresolved(shell, snippet)); // as it stands now
                }
            });
        }
    }

    private Value run(int count, String code, List<String> notes, Map<Snippet, String> waiting,
            Map<String, String> resets) throws CellFailure {
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
            List<String> loaded;
            compiling.lock();
            try {
                running = new Running(part.source(), Snippets.originOf(count, code, part));
                control.markLoaded();
                events = shell.eval(part.source());
                loaded = List.copyOf(control.loadedSinceMark());
                frames.remember(events); // before the next snippet compiles: threads of this one may fail then
            } finally {
                running = null;
                compiling.unlock();
            }
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    String note = Notes.update(shell, event); // an earlier snippet this one changed
                    if (note != null && event.snippet() instanceof VarSnippet var) {
                        resets.putIfAbsent(var.name(), note);
                    } else if (note != null && !notes.contains(note)) {
                        notes.add(note);
                    }
                    continue;
                }
                Snippet snippet = event.snippet();
                if (snippet instanceof VarSnippet declared) {
                    resets.remove(declared.name());
                }
                snippets.remember(snippet.id(), count, code, part);
                try {
                    value = outcome(event, code, part, waiting, notes);
                    if (value == Value.SKIPPED) {
                        return Value.NONE; // a preview cell on a kernel without previews: its note says why
                    }
                } finally {
                    boolean temporary = snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
                    // Only when this snippet's were the only classes compiled: a redefinition recompiles others.
                    boolean forget = events.size() == 1 && (temporary || snippet.kind() == Snippet.Kind.EXPRESSION
                            || snippet.kind() == Snippet.Kind.STATEMENT);
                    dropAndForget(temporary && event.status().isActive() ? snippet : null,
                            forget ? loaded : List.of());
                }
            }
        }
        return value;
    }

    private Value outcome(SnippetEvent event, String code, Snippets.Part part, Map<Snippet, String> waiting,
                          List<String> notes)
            throws CellFailure {
        Snippet snippet = event.snippet();
        JShellException thrown = event.exception();
        if (thrown != null) {
            throw failure(thrown);
        }
        return switch (event.status()) {
            case REJECTED -> {
                List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
                Optional<String> skipped = PreviewCells.skipped(errors, PreviewCells.enabled());
                if (skipped.isEmpty()) {
                    throw CellFailure.compile(code, part, errors);
                }
                notes.add(skipped.get());
                yield Value.SKIPPED;
            }
            case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> {
                waiting.put(snippet, Notes.unresolved(shell, snippet));
                yield Value.NONE;
            }
            default -> valueOf(snippet, event, part);
        };
    }

    // JShell keeps the value of every expression as a variable ($1, $2, ...) and imports all of them into each
    // later snippet, so each cell compiled slower than the one before: after 130 one-line expressions, 6*7 took
    // twice as long to compile. The kernel has shown the value already and does not name these variables (as
    // IPython names Out[n]), so it drops them. A value that matters is kept by giving it a name: var x = ...;
    //
    // The classes of such a snippet, and of an expression or a statement, are removed from the compiler's class
    // files once they have run: nothing can refer to them (see WrapperClassFiles).
    private void dropAndForget(Snippet temporary, List<String> classes) {
        if (temporary == null && (classes.isEmpty() || !classFiles.reachable())) {
            return;
        }
        compiling.lock();
        try {
            if (temporary != null) {
                shell.drop(temporary);
            }
            classFiles.forget(classes);
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
     * An exception's stack trace with the frames of cell code named by cell line (see {@link WrapperFrames}). A frame
     * of a class not seen before needs JShell, which may be compiling the cell's next snippet: the trace waits for it
     * (see {@link #FRAME_PATIENCE}), then leaves such frames as they are.
     */
    String trace(Throwable thrown) {
        if (!frames.known(thrown)) {
            refreshFrames();
        }
        return CellFailure.trace(thrown, frames::name);
    }

    /** A frame of a trace the cell's code prints itself ({@code e.printStackTrace()}), named as {@link #trace} does. */
    String frame(StackTraceElement frame) {
        if (!frames.known(frame)) {
            refreshFrames();
        }
        return frames.name(frame);
    }

    private void refreshFrames() {
        try {
            if (!compiling.tryLock(FRAME_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            frames.refresh();
        } finally {
            compiling.unlock();
        }
    }

    // Where a snippet came from; the one JShell runs now is remembered only once it has run, and a thread it started
    // may fail before that.
    private Snippets.Origin originOf(Snippet snippet) {
        Snippets.Origin origin = snippets.origin(snippet.id());
        Running now = running;
        return origin == null && now != null && now.source().equals(snippet.source()) ? now.origin() : origin;
    }

    /** The session's variables by name, with their current values (a variable that cannot be read is left out). */
    Map<String, Object> variablesByName() {
        Map<String, Object> values = new java.util.TreeMap<>();
        variables.forEach((name, className) -> {
            try {
                values.put(name, control.staticField(className, name));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Log.info("variable " + name + " of " + className + " cannot be read: " + e);
            }
        });
        return values;
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

    /** The snippet thread that a stop could not end and the last cell left behind, or null. */
    Thread abandoned() {
        return control.abandoned();
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

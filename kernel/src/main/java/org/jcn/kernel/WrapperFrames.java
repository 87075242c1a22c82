package org.jcn.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Names the stack frames of cell code by cell line in an exception that JShell did not translate: one thrown in a
 * thread a cell started, or one a cell prints itself. Such frames name JShell's wrapper classes ({@code
 * REPL.$JShell$22.lambda$do_it$$0($JShell$22.java:9)}); JShell's {@link SourceCodeAnalysis#wrapper} gives the
 * wrapper's source as it was compiled, which maps the frame's line back to the snippet, and the kernel knows which
 * cell line the snippet began on.
 *
 * <p>The wrappers are kept by class name, so a frame of a class seen before is named without JShell: a thread that
 * fails while JShell compiles the cell's next snippet need not wait for the compiler. Each snippet's wrapper is
 * {@linkplain #remember remembered} as it is run; a class not known yet needs JShell ({@link #refresh}, while the
 * caller holds JShell's lock). Old class names stay: a thread started before its method was redefined still runs the
 * old class.
 */
final class WrapperFrames {

    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*");

    private record Entry(Snippet snippet, SourceCodeAnalysis.SnippetWrapper wrapper) {
    }

    private final JShell shell;
    private final Function<Snippet, Snippets.Origin> origins;
    // Wrapper class name -> snippet and its wrapper as compiled then.
    private final Map<String, Entry> byClass = new ConcurrentHashMap<>();

    /** @param origins where a snippet came from, or null for one the kernel ran itself */
    WrapperFrames(JShell shell, Function<Snippet, Snippets.Origin> origins) {
        this.shell = shell;
        this.origins = origins;
    }

    /** The wrapper class a frame of cell code runs in, or null for a frame of any other code. */
    static String wrapperClass(StackTraceElement frame) {
        Matcher outer = WRAPPER.matcher(frame.getClassName());
        return outer.lookingAt() ? outer.group() : null;
    }

    /** Whether every frame of cell code in {@code thrown} and its causes can be named without asking JShell. */
    boolean known(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String wrapper = wrapperClass(frame);
                if (wrapper != null && !byClass.containsKey(wrapper)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the frame's class has been seen (or is not cell code): it can be named without asking JShell. */
    boolean known(StackTraceElement frame) {
        String wrapper = wrapperClass(frame);
        return wrapper == null || byClass.containsKey(wrapper);
    }

    /**
     * Remembers the wrappers of the snippets an evaluation compiled (the snippet, and any it updated); while the
     * caller holds JShell's lock. A few microseconds a cell: no compiling, only the names JShell has.
     */
    void remember(List<SnippetEvent> events) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        for (SnippetEvent event : events) {
            if (event.status().isDefined()) {
                SourceCodeAnalysis.SnippetWrapper wrapper = analysis.wrapper(event.snippet());
                byClass.put(wrapper.fullClassName(), new Entry(event.snippet(), wrapper));
            }
        }
    }

    /** Asks JShell for the wrapper of every snippet; only while JShell is not compiling (the caller holds its lock). */
    void refresh() {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        shell.snippets().forEach(s -> {
            SourceCodeAnalysis.SnippetWrapper wrapper = analysis.wrapper(s);
            byClass.put(wrapper.fullClassName(), new Entry(s, wrapper));
        });
    }

    /** The frame with cell code named by cell line; any other frame, or one of a class not seen, as the JDK has it. */
    String name(StackTraceElement frame) {
        String wrapper = wrapperClass(frame);
        Entry entry = wrapper == null ? null : byClass.get(wrapper);
        if (entry == null) {
            return frame.toString();
        }
        String source = entry.snippet().source();
        int position = sourcePosition(entry.wrapper(), frame.getLineNumber());
        // Lines count from the snippet's first line that is not blank, as in JShell's own traces.
        int first = source.length() - source.stripLeading().length();
        int snippetLine = position < 0 ? 0 : Snippets.lineOf(source, position) - Snippets.lineOf(source, first) + 1;
        return CellFailure.named(frame, origins.apply(entry.snippet()), snippetLine);
    }

    /** Where in the snippet's source the first code of the wrapper's {@code line} (1-based) came from; -1 if none. */
    static int sourcePosition(SourceCodeAnalysis.SnippetWrapper wrapper, int line) {
        String wrapped = wrapper.wrapped();
        int at = 0;
        for (int i = 1; i < line && at >= 0; i++) {
            at = wrapped.indexOf('\n', at) + 1;
            at = at == 0 ? -1 : at;
        }
        int source = -1;
        for (int i = at; i >= 0 && i < wrapped.length() && wrapped.charAt(i) != '\n' && source < 0; i++) {
            source = wrapper.wrappedToSourcePosition(i);
        }
        return source;
    }
}

package org.jcn.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Names the stack frames of cell code by cell line in an exception that JShell did not translate: one thrown in a
 * thread a cell started. Such frames name JShell's wrapper classes ({@code REPL.$JShell$22.lambda$do_it$$0(
 * $JShell$22.java:9)}); JShell's {@link SourceCodeAnalysis#wrapper} gives the wrapper's source as it was compiled,
 * which maps the frame's line back to the snippet, and the kernel knows which cell line the snippet began on.
 * Only while JShell is not compiling (the caller holds its lock); used once per exception.
 */
final class WrapperFrames {

    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+");

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final Function<Snippet, Snippets.Origin> origins;
    // Wrapper class name -> snippet, built at the first frame of cell code (a trace of library code needs none).
    private Map<String, Snippet> byClass;

    /** @param origins where a snippet came from, or null for one the kernel ran itself */
    WrapperFrames(JShell shell, Function<Snippet, Snippets.Origin> origins) {
        this.shell = shell;
        this.analysis = shell.sourceCodeAnalysis();
        this.origins = origins;
    }

    /** The frame with cell code named by cell line; any other frame as the JDK writes it. */
    String name(StackTraceElement frame) {
        Matcher outer = WRAPPER.matcher(frame.getClassName());
        if (!outer.lookingAt()) {
            return frame.toString();
        }
        if (byClass == null) {
            byClass = new HashMap<>();
            shell.snippets().forEach(s -> byClass.put(analysis.wrapper(s).fullClassName(), s));
        }
        Snippet snippet = byClass.get(outer.group());
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
        return CellFailure.named(frame, origins.apply(snippet), snippetLine);
    }
}

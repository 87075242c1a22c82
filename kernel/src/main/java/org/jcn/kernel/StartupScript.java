package org.jcn.kernel;

import java.util.Locale;
import java.util.stream.Collectors;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * Runs the kernel's start-up script ({@code kernel/init.jshell}, the library's imports) in JShell before the first
 * cell. A rejected snippet goes to the kernel's log, not to a cell.
 */
final class StartupScript {

    private StartupScript() {
    }

    // The script is mostly one import per line. Those lines go to JShell as they are: cutting them with JShell's own
    // analysis, as cells are cut, parses the rest of the script once per snippet while the compiler still runs
    // interpreted (about 50 ms of a start, measured here). Anything else in the script is cut as a cell is.
    static void run(JShell shell, String code) {
        StringBuilder rest = new StringBuilder();
        for (String line : code.split("\n")) {
            String trimmed = line.strip();
            if (rest.isEmpty() && trimmed.matches("import\\s[\\w.*\\s]+;")) {
                eval(shell, trimmed);
            } else if (!rest.isEmpty() || !(trimmed.isEmpty() || trimmed.startsWith("//"))) {
                rest.append(line).append('\n');
            }
        }
        for (Snippets.Part part : Snippets.split(shell.sourceCodeAnalysis(), rest.toString())) {
            eval(shell, part.source());
        }
    }

    private static void eval(JShell shell, String snippet) {
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.status() == Snippet.Status.REJECTED) {
                Log.info("start-up snippet rejected: " + snippet.strip() + ": " + shell.diagnostics(event.snippet())
                        .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; ")));
            }
        }
    }
}

package org.jcn.kernel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/** Completion, inspection and completeness of code, answered by JShell's source analysis. */
final class Analysis {

    /** Replacements for the text between {@code start} and {@code end} of the cell. */
    record Completions(List<String> matches, int start, int end) {
    }

    private final SourceCodeAnalysis analysis;

    Analysis(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    Completions complete(String code, int cursor) {
        Snippets.Part part = partAt(code, cursor);
        String source = code.substring(part.start(), Math.max(part.start(), cursor));
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(source, source.length(), anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completions(List.copyOf(matches), part.start() + anchor[0], cursor);
    }

    /** The signature and javadoc of what is at the cursor, or null when there is nothing to say. */
    String inspect(String code, int cursor) {
        Snippets.Part part = partAt(code, cursor);
        String source = code.substring(part.start());
        int at = Math.min(Math.max(0, cursor - part.start()), source.length());
        List<Documentation> docs = analysis.documentation(source.substring(0, at), at, true);
        if (docs.isEmpty()) {
            // The cursor on a method name rather than inside its parentheses: ask as if "(" followed the name.
            int end = at;
            while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
                end++;
            }
            String call = source.substring(0, end) + "(";
            docs = analysis.documentation(call, call.length(), true);
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(plain(doc.javadoc())).append("\n\n");
            }
        }
        return text.toString().strip();
    }

    /** Jupyter's answer: "complete", "incomplete", "invalid". */
    String isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            var info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            switch (completeness) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "incomplete";
                }
                case UNKNOWN -> {
                    return "invalid";
                }
                case EMPTY -> {
                    return "complete";
                }
                default -> rest = info.remaining();
            }
        }
        return "complete";
    }

    private Snippets.Part partAt(String code, int cursor) {
        Snippets.Part last = new Snippets.Part(code, 0, Completeness.EMPTY, false);
        for (Snippets.Part part : Snippets.split(analysis, code)) {
            if (part.start() > cursor) {
                break;
            }
            last = part;
        }
        return last;
    }

    // Javadoc as JShell gives it is HTML with {@code} tags; the tooltip is plain text.
    private static String plain(String javadoc) {
        return javadoc.replaceAll("\\{@(?:code|link|linkplain|literal) ([^}]*)}", "$1")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .strip();
    }
}

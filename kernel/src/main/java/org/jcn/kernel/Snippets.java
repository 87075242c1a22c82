package org.jcn.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Cuts a cell into JShell snippets, and remembers where each snippet came from so that stack traces and compiler
 * messages can name cell lines instead of JShell's {@code #12} snippet ids.
 */
final class Snippets {

    /**
     * One snippet of a cell: its source as JShell takes it, where that starts in the cell, and whether the cell's
     * text of it ends with a semicolon (JShell adds one where it is missing).
     */
    record Part(String source, int start, Completeness completeness, boolean semicolon) {
    }

    /** Where a snippet came from: the cell's execution count and the cell line its first line is on. */
    record Origin(int count, int firstLine) {
    }

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    /** Splits {@code code} into snippets; blank and comment-only stretches are skipped. */
    static List<Part> split(SourceCodeAnalysis analysis, String code) {
        List<Part> parts = new ArrayList<>();
        int position = 0;
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            String source = info.source() != null ? info.source() : rest;
            String remaining = info.remaining() != null ? info.remaining() : "";
            int consumed = rest.length() - remaining.length();
            String chunk = rest.substring(0, Math.max(consumed, 0));
            parts.add(new Part(source, position + startOf(chunk, source), info.completeness(),
                    chunk.stripTrailing().endsWith(";")));
            if (consumed <= 0) {
                break;
            }
            position += consumed;
            rest = remaining;
        }
        return parts;
    }

    // Where the snippet's source begins in the text it was cut from (JShell may add a semicolon at its end).
    private static int startOf(String chunk, String source) {
        String head = source.endsWith(";") ? source.substring(0, source.length() - 1) : source;
        int at = chunk.indexOf(head.strip());
        if (at >= 0) {
            int lead = head.length() - head.stripLeading().length();
            return Math.max(0, at - lead);
        }
        int first = 0;
        while (first < chunk.length() && Character.isWhitespace(chunk.charAt(first))) {
            first++;
        }
        return first;
    }

    /** The 1-based line of {@code offset} in {@code code}. */
    static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, code.length()); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Remembers a snippet; JShell numbers its lines from the first one that is not blank. */
    void remember(String snippetId, int count, String code, Part part) {
        origins.put(snippetId, originOf(count, code, part));
    }

    /** Where a part of cell {@code count} comes from. */
    static Origin originOf(int count, String code, Part part) {
        int first = part.start();
        while (first < code.length() && Character.isWhitespace(code.charAt(first))) {
            first++;
        }
        return new Origin(count, lineOf(code, first));
    }

    /** The origin of JShell's snippet {@code #id}, or null for one the kernel ran itself. */
    Origin origin(String snippetId) {
        return origins.get(snippetId);
    }
}

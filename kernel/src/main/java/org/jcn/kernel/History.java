package org.jcn.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * The code of this session's cells and the text of their results, for {@code history_request}s (tail, range and
 * search). Thread safe.
 */
final class History {

    private static final int SESSION = 0;
    private final List<HistoryEntry> entries = new ArrayList<>();

    synchronized void add(int count, String code) {
        entries.add(new HistoryEntry(SESSION, count, code, null));
    }

    /** Records the text of a cell's result. */
    synchronized void output(int count, String text) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            HistoryEntry e = entries.get(i);
            if (e.getCellNumber() == count) {
                entries.set(i, new HistoryEntry(e.getSession(), count, e.getInput(), text));
                return;
            }
        }
    }

    /**
     * The content of a {@code history_reply}: entries as the protocol wants them, {@code [session, line, input]}
     * or, with outputs, {@code [session, line, [input, output]]}.
     */
    Map<String, Object> reply(HistoryRequest request) {
        List<Object> history = new ArrayList<>();
        for (HistoryEntry e : answer(request)) {
            Object input = request.includeOutput() ? Arrays.asList(e.getInput(), e.getOutput()) : e.getInput();
            history.add(List.of(e.getSession(), e.getCellNumber(), input));
        }
        return Map.of("status", "ok", "history", history);
    }

    synchronized List<HistoryEntry> answer(HistoryRequest request) {
        return switch (request.getAccessType()) {
            case TAIL -> {
                int n = ((HistoryRequest.Tail) request).getMaxReturnLength();
                yield List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
            }
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                int stop = range.getStop() <= 0 ? Integer.MAX_VALUE : range.getStop();
                yield entries.stream().filter(e -> e.getCellNumber() >= range.getStart() && e.getCellNumber() < stop)
                        .toList();
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                Pattern pattern = glob(search.getPattern());
                List<HistoryEntry> found = new ArrayList<>();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    HistoryEntry e = entries.get(i);
                    boolean seen = search.filterUnique()
                            && found.stream().anyMatch(f -> f.getInput().equals(e.getInput()));
                    if (pattern.matcher(e.getInput()).matches() && !seen) {
                        found.add(0, e);
                    }
                }
                int n = search.getMaxReturnLength();
                yield n > 0 && found.size() > n ? found.subList(found.size() - n, found.size()) : found;
            }
        };
    }

    // IPython's history search takes a glob: * any text, ? one character.
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : (pattern == null ? "*" : pattern).toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}

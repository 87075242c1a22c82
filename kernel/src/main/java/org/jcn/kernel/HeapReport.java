package org.jcn.kernel;

import java.util.List;
import java.util.Map;

/**
 * The reply of a cell the kernel stopped because the heap was full ({@link MemoryWatch}): how full, which session
 * variables hold the most (by {@link Footprint}'s estimate) and how to free them.
 *
 * {@snippet :
 * HeapReport.largestVariables(Map.of("hog", hog));
 * // "The largest session variables: hog (ArrayList, about 4.8 GiB). Free the memory with hog = null; ..."
 * }
 */
final class HeapReport {

    private HeapReport() {
    }

    /** The reply of a cell stopped because the heap was full: how full, and which variables hold it. */
    static String reply(String held, Evaluator evaluator) {
        String variables;
        try {
            variables = largestVariables(evaluator.variablesByName());
        } catch (OutOfMemoryError e) {
            variables = "Set the session variables that hold large values to null, or restart the kernel.";
        }
        return "the heap is full: " + held + " held after a collection, so the kernel stopped the cell before Java"
                + " ran out of memory. " + variables;
    }

    /** "The largest session variables: hog (ArrayList, about 4.8 GiB). Free them (hog = null;) or restart ..." */
    static String largestVariables(Map<String, Object> variables) {
        record Held(String name, Object value, long bytes) {
        }
        List<Held> largest = variables.entrySet().stream()
                .map(e -> new Held(e.getKey(), e.getValue(), Footprint.estimate(e.getValue())))
                .filter(h -> h.bytes() >= 1L << 20)
                .sorted(java.util.Comparator.comparingLong(Held::bytes).reversed()).limit(3).toList();
        if (largest.isEmpty()) {
            return "No session variable holds much of it (the cell's own objects, or threads it started, may)."
                    + " Restart the kernel if later cells are slow.";
        }
        List<String> named = largest.stream().map(h -> h.name() + " (" + h.value().getClass().getSimpleName()
                + ", about " + Footprint.bytes(h.bytes()) + ")").toList();
        String free = String.join(" ", largest.stream().map(h -> h.name() + " = null;").toList());
        return "The largest session variables: " + String.join(", ", named) + ". Free the memory with " + free
                + " (or restart the kernel, which loses every variable).";
    }
}

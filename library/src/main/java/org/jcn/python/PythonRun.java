package org.jcn.python;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;


import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import org.jcn.internal.machine.Machine;

/**
 * What one Python program run reported: its records (each a map of field names to numbers, strings, booleans,
 * lists or null), its exit code and the time it took as the harness saw it (interpreter start-up included).
 *
 * <p>A run that was skipped because no Python was found ({@link Python#run}) has no records, says why in
 * {@link #skippedBecause()}, and turns into an empty table. Immutable and thread safe.
 *
 * {@snippet :
 * PythonRun run = Python.run("cpu_sum.py", "10000000", "--ways", "threading", "--workers", "1,2");
 * run.number("seconds", "way", "threading", "workers", 2);   // the seconds of the record with those fields
 * run.toTable();
 * }
 */
public final class PythonRun {

    private final PythonInterpreter interpreter;
    private final String program;
    private final List<String> arguments;
    private final int exitCode;
    private final Duration elapsed;
    private final List<Map<String, Object>> records;
    private final String skippedBecause;

    PythonRun(PythonInterpreter interpreter, String program, List<String> arguments, int exitCode, Duration elapsed,
              List<Map<String, Object>> records, String skippedBecause) {
        this.interpreter = interpreter;
        this.program = program;
        this.arguments = List.copyOf(arguments);
        this.exitCode = exitCode;
        this.elapsed = elapsed;
        this.records = records.stream().map(r -> java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(r))).toList();
        this.skippedBecause = skippedBecause;
    }

    static PythonRun skipped(String program, List<String> arguments, String why) {
        return new PythonRun(null, program, arguments, -1, Duration.ZERO, List.of(), why);
    }

    /** Whether the program ran (false when no Python was found). */
    public boolean ran() {
        return skippedBecause == null;
    }

    /** Why the program did not run; null if it ran. */
    public String skippedBecause() {
        return skippedBecause;
    }

    /** The interpreter it ran on; null if it was skipped. */
    public PythonInterpreter interpreter() {
        return interpreter;
    }

    /** The program's file name. */
    public String program() {
        return program;
    }

    /** The interpreter's exit code (0), or -1 if the run was skipped. */
    public int exitCode() {
        return exitCode;
    }

    /** Wall-clock time from starting the interpreter to its end, as measured by the Java side. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Every record, in the order the program reported them; unmodifiable. */
    public List<Map<String, Object>> records() {
        return records;
    }

    /**
     * The records whose fields have the given values, such as {@code where("way", "threading", "workers", 2)}.
     * Numbers match by value whatever their type.
     *
     * @param fieldsAndValues field names and values, alternating
     * @return the matching records, in report order
     * @throws IllegalArgumentException if the arguments are not pairs
     */
    public List<Map<String, Object>> where(Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fieldsAndValues must come in pairs but there were "
                    + fieldsAndValues.length);
        }
        return records.stream().filter(r -> {
            for (int i = 0; i < fieldsAndValues.length; i += 2) {
                if (!same(r.get(String.valueOf(fieldsAndValues[i])), fieldsAndValues[i + 1])) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /**
     * The number in {@code field} of the one record that matches {@link #where}.
     *
     * @param field           the field to read
     * @param fieldsAndValues what the record must hold
     * @return the number, or NaN if the run was skipped or the field is null
     * @throws IllegalArgumentException if not exactly one record matches, or the field is not a number
     */
    public double number(String field, Object... fieldsAndValues) {
        if (!ran()) {
            return Double.NaN;
        }
        List<Map<String, Object>> found = where(fieldsAndValues);
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.size() + " records of " + program + " match "
                    + List.of(fieldsAndValues) + ", not exactly one");
        }
        Object value = found.get(0).get(field);
        if (value == null) {
            return Double.NaN;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("field " + field + " of " + program + " is not a number but " + value);
        }
        return n.doubleValue();
    }

    /**
     * The records as a table: one column per field (in the order fields first appear), numeric where every
     * value is a number, text otherwise. Named after the program, the interpreter and the platform.
     *
     * @return a new table; empty (no columns) for a skipped run
     */
    public Table toTable() {
        String name = program + " · " + (ran() ? interpreter.label() : "skipped: no Python") + " · "
                + Machine.currentLabel();
        Set<String> fields = new LinkedHashSet<>();
        records.forEach(r -> fields.addAll(r.keySet()));
        List<Column<?>> columns = new ArrayList<>();
        for (String field : fields) {
            boolean numeric = records.stream().map(r -> r.get(field)).allMatch(v -> v == null || v instanceof Number);
            if (numeric) {
                columns.add(DoubleColumn.create(field, records.stream().mapToDouble(r -> r.get(field) == null
                        ? Double.NaN : ((Number) r.get(field)).doubleValue())));
            } else {
                columns.add(StringColumn.create(field, records.stream().map(r -> r.get(field) == null ? ""
                        : String.valueOf(r.get(field)))));
            }
        }
        return Table.create(name, columns.toArray(Column<?>[]::new));
    }

    private static boolean same(Object actual, Object wanted) {
        if (actual instanceof Number a && wanted instanceof Number w) {
            return a.doubleValue() == w.doubleValue();
        }
        return Objects.equals(actual, wanted);
    }

    @Override
    public String toString() {
        return ran() ? "PythonRun[" + program + ", " + records.size() + " records, " + elapsed.toMillis() + " ms]"
                : "PythonRun[" + program + ", skipped]";
    }
}

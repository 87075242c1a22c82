package org.jcn.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

import org.jcn.internal.display.Html;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders Tablesaw tables as HTML and as plain text, the two forms a notebook shows.
 *
 * <p>Tablesaw's own {@code toString()} is a fixed-width print meant for a terminal; a notebook front end that
 * receives it as HTML folds its line breaks away. {@link #html(Table)} writes a real {@code <table>} instead, with
 * every value escaped. Stateless and thread safe.
 *
 * {@snippet :
 * String html = Tables.html(result.toTable());
 * }
 */
public final class Tables {

    /** Rows shown before a table is cut short; the full table stays available to code. */
    public static final int MAX_ROWS = 200;

    private Tables() {
    }

    /**
     * Writes the table as an HTML {@code <table>} with a caption (the table's name), a header row and at most
     * {@link #MAX_ROWS} body rows; a final row says how many were left out.
     *
     * @param table the table to render
     * @return an HTML fragment
     * @throws NullPointerException if {@code table} is null
     */
    public static String html(Table table) {
        Objects.requireNonNull(table, "table must not be null");
        StringBuilder html = new StringBuilder(256);
        html.append("<table class=\"jcn-table\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(Html.escape(table.name())).append("</caption>\n");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(Html.escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append(column instanceof NumericColumn<?> ? "<td style=\"text-align:right\">" : "<td>");
                html.append(Html.escape(cell(column, row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        if (table.rowCount() > shown) {
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(table.rowCount() - shown).append(" more rows</td></tr>\n");
        }
        html.append("</tbody>\n</table>");
        return html.toString();
    }

    /**
     * Writes the table as aligned plain text (Tablesaw's own print, at most {@link #MAX_ROWS} rows), its numbers
     * rounded as in {@link #html}: a front end without HTML shows what the HTML shows, not 972.758831.
     *
     * @param table the table to render
     * @return the text, lines separated by {@code \n}
     * @throws NullPointerException if {@code table} is null
     */
    public static String text(Table table) {
        Objects.requireNonNull(table, "table must not be null");
        Table shown = Table.create(table.name());
        for (Column<?> column : table.columns()) {
            if (column instanceof NumericColumn<?> && !(column instanceof IntColumn || column instanceof LongColumn)) {
                tech.tablesaw.api.StringColumn rounded = tech.tablesaw.api.StringColumn.create(column.name());
                for (int row = 0; row < column.size(); row++) {
                    rounded.append(column.isMissing(row) ? "" : cell(column, row));
                }
                shown.addColumns(rounded);
            } else {
                shown.addColumns(column);
            }
        }
        return shown.printAll().lines().limit(MAX_ROWS + 4L).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** Floating-point cells show four significant digits (all integer digits kept); others print as Tablesaw does. */
    static String cell(Column<?> column, int row) {
        if (column instanceof NumericColumn<?> numbers && !(column instanceof IntColumn || column instanceof LongColumn)
                && !column.isMissing(row)) {
            return formatNumber(numbers.getDouble(row));
        }
        return column.getString(row);
    }

    static String formatNumber(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        BigDecimal value = new BigDecimal(x);
        if (Math.abs(x) >= 1) {
            int integerDigits = value.abs().toBigInteger().toString().length();
            value = value.setScale(Math.max(0, 4 - integerDigits), RoundingMode.HALF_UP);
        } else {
            value = value.round(new MathContext(4, RoundingMode.HALF_UP));
        }
        String plain = value.stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }
}

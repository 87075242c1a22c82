package org.jcn.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {

    @Test
    void htmlIsARealTableWithCaptionHeaderAndRows() {
        Table table = Table.create("timings", IntColumn.create("workers", 1, 2), DoubleColumn.create("ms", 10.5, 5.25));
        String html = Tables.html(table);
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.endsWith("</table>"), html);
        assertTrue(html.contains("<caption>timings</caption>"), html);
        assertTrue(html.contains("<th>workers</th><th>ms</th>"), html);
        assertEquals(2, html.split("<tr><td").length - 1, "two body rows expected: " + html);
        assertTrue(html.contains(">5.25</td>"), html);
    }

    @Test
    void htmlEscapesEveryValueAndName() {
        Table table = Table.create("<b>&", StringColumn.create("a<b", "<script>x</script>", "it's \"q\""));
        String html = Tables.html(table);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), html);
        assertTrue(html.contains("<th>a&lt;b</th>"), html);
        assertTrue(html.contains("<caption>&lt;b&gt;&amp;</caption>"), html);
        assertTrue(html.contains("it&#39;s &quot;q&quot;"), html);
    }

    @Test
    void longTablesAreCutAndSayHowManyRowsWereLeftOut() {
        int rows = Tables.MAX_ROWS + 7;
        Table table = Table.create("long", IntColumn.create("i", IntStream.range(0, rows).toArray()));
        String html = Tables.html(table);
        assertEquals(Tables.MAX_ROWS, html.split("<tr><td style").length - 1);
        assertTrue(html.contains("… 7 more rows"), html);
    }

    @Test
    void textKeepsLineBreaks() {
        Table table = Table.create("t", IntColumn.create("i", 1, 2, 3));
        String text = Tables.text(table);
        assertTrue(text.lines().count() >= 5, text);
        assertTrue(text.contains("i"), text);
    }

    @ParameterizedTest
    @CsvSource({
        "108.100607, 108.1",
        "0.000123456, 0.0001235",
        "12345.678, 12346",
        "2.5, 2.5",
        "3.0, 3",
        "-0.00001, -0.00001",
        "1.99996, 2"
    })
    void floatingPointCellsShowFourSignificantDigits(double value, String shown) {
        assertEquals(shown, Tables.formatNumber(value));
    }

    @Test
    void nullTablesAreNamed() {
        assertEquals("table must not be null", assertThrows(NullPointerException.class, () -> Tables.html(null)).getMessage());
        assertEquals("table must not be null", assertThrows(NullPointerException.class, () -> Tables.text(null)).getMessage());
    }

    @Test
    void plainTextRoundsNumbersAsTheHtmlDoes() {
        Table t = Table.create("times", tech.tablesaw.api.DoubleColumn.create("median ms", 972.758831, 0.0541234, 96479.17),
                tech.tablesaw.api.IntColumn.create("runs", 5, 5, 5));
        String text = Tables.text(t);
        assertTrue(text.contains("972.8") && text.contains("0.05412") && text.contains("96479"), text);
        assertTrue(!text.contains("972.758831") && !text.contains("96479.17"), text);
        assertTrue(text.startsWith("times") || text.contains("times"), "the table's name stays: " + text);
    }
}

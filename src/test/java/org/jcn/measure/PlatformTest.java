package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class PlatformTest {

    @Test
    void currentDescribesThisJvm() {
        Platform here = Platform.current();
        assertEquals(Runtime.getRuntime().availableProcessors(), here.cores());
        assertEquals(System.getProperty("java.version"), here.javaVersion());
        assertEquals("none", here.kernel(), "tests do not run inside a Jupyter kernel");
    }

    @Test
    void captionAndLabelNameCoresAndJavaVersion() {
        Platform p = new Platform("25.0.1", "Vendor", 1, "Linux amd64", 1L << 30, "none", java.time.Instant.EPOCH);
        assertEquals("1 core · Java 25.0.1 (Vendor) · Linux amd64", p.caption());
        assertEquals("1 core · Java 25.0.1 · Linux amd64", p.label());
        Platform two = new Platform("21", "V", 2, "Mac OS X aarch64", 1L << 30, "none", java.time.Instant.EPOCH);
        assertEquals("2 cores · Java 21 · Mac OS X aarch64", two.label());
    }

    @Test
    void tableHoldsOneRowPerProperty() {
        Platform p = new Platform("25", "V", 2, "Linux amd64", 512L << 20, "k", java.time.Instant.EPOCH);
        Table table = p.toTable();
        assertEquals(7, table.rowCount());
        assertEquals("2", table.stringColumn("value").get(table.stringColumn("property").indexOf("cores")));
        assertTrue(table.stringColumn("value").contains("512 MiB"));
    }
}

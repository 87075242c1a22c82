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
    void labelSaysWhatHoldsTheCoresBelowTheHostsCount() {
        Platform quota = new Platform("25", "V", 2, "Linux amd64", 1L << 30, "none", java.time.Instant.EPOCH, 8, 2.0,
                "CPU quota");
        assertEquals("2 of 8 cores (CPU quota) · Java 25 · Linux amd64", quota.label());
        Platform fraction = new Platform("25", "V", 2, "Linux amd64", 1L << 30, "none", java.time.Instant.EPOCH, 16,
                1.5, "CPU quota");
        assertEquals("2 of 16 cores (CPU quota 1.5) · Java 25 (V) · Linux amd64", fraction.caption());
        Platform set = new Platform("25", "V", 1, "Linux amd64", 1L << 30, "none", java.time.Instant.EPOCH, 4,
                Double.NaN, "CPU set");
        assertEquals("1 of 4 cores (CPU set) · Java 25 · Linux amd64", set.label());
        Platform simulated = new Platform("25", "V", 8, "Linux amd64", 1L << 30, "none", java.time.Instant.EPOCH, 2,
                Double.NaN, "JVM setting");
        assertEquals("8 cores (JVM setting; the host has 2) · Java 25 · Linux amd64", simulated.label());
    }

    @Test
    void currentSaysWhatSetsTheJvmsCoresApartFromTheHosts() {
        Platform here = Platform.current();
        assertTrue(here.hostCpus() >= 1, here.toString());
        assertEquals(here.hostCpus() == here.cores(), here.coresLimitedBy().isEmpty(), here.toString());
    }

    @Test
    void tableHoldsOneRowPerProperty() {
        Platform p = new Platform("25", "V", 2, "Linux amd64", 512L << 20, "k", java.time.Instant.EPOCH);
        Table table = p.toTable();
        assertEquals(10, table.rowCount());
        assertEquals("2", table.stringColumn("value").get(table.stringColumn("property").indexOf("cores")));
        assertTrue(table.stringColumn("value").contains("512 MiB"));
    }
}

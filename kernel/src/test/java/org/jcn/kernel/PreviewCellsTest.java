package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jdk.jshell.Diag;
import jdk.jshell.JShell;

@Timeout(60)
class PreviewCellsTest {

    private static List<Diag> errorsOf(String code) {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            return shell.eval(code).stream().flatMap(e -> shell.diagnostics(e.snippet())).filter(Diag::isError).toList();
        }
    }

    @Test
    void aPreviewApiOnAKernelWithoutPreviewsIsSkippedNamingTheApiAndTheWayToRunIt() {
        Optional<String> note = PreviewCells.skipped(errorsOf(
                "var scope = java.util.concurrent.StructuredTaskScope.open();"), false);
        assertTrue(note.isPresent());
        assertTrue(note.get().startsWith("this cell was skipped: it uses StructuredTaskScope, a preview feature of Java "),
                note.get());
        assertTrue(note.get().contains("kernel/install --enable-preview"), note.get());
    }

    @Test
    void onAKernelWithPreviewsOrWithAnyOtherErrorTheCellFailsAsUsual() {
        assertEquals(Optional.empty(), PreviewCells.skipped(errorsOf(
                "var scope = java.util.concurrent.StructuredTaskScope.open();"), true));
        assertEquals(Optional.empty(), PreviewCells.skipped(errorsOf(
                "var scope = java.util.concurrent.StructuredTaskScope.open(); int x = y;"), false));
        assertEquals(Optional.empty(), PreviewCells.skipped(errorsOf("int x = y;"), false));
        assertEquals(Optional.empty(), PreviewCells.skipped(List.of(), false));
    }

    // With "--release N" javac compiled every cell against its platform view of the JDK instead of the running
    // JDK's own modules, which made the preview kernel 2x slower to start and 2-4x slower per cell, more the longer
    // the session (one core: ready in 4.4 s against 2.0 s, a declaration 150-200 ms against 65-70 ms).
    @Test
    void thePreviewKernelCompilesAgainstTheRunningJdkWithPreviewsOn() {
        String before = System.getProperty("jcn.preview");
        System.setProperty("jcn.preview", "true");
        try {
            List<String> options = KernelMain.compilerOptions();
            String feature = Integer.toString(Runtime.version().feature());
            assertTrue(options.contains("--enable-preview"), options::toString);
            assertEquals(feature, options.get(options.indexOf("--source") + 1), options::toString);
            assertFalse(options.contains("--release"), options::toString);
            try (JShell shell = JShell.builder().executionEngine("local").compilerOptions(options.toArray(String[]::new))
                    .build()) {
                // A preview API compiles (the test's JVM runs without previews, so only the compile is checked).
                List<Diag> errors = shell.eval("java.util.concurrent.StructuredTaskScope<Object, Void> scope = null;")
                        .stream().flatMap(e -> shell.diagnostics(e.snippet())).filter(Diag::isError).toList();
                assertEquals(List.of(), errors.stream().map(d -> d.getMessage(null)).toList());
            }
        } finally {
            if (before == null) {
                System.clearProperty("jcn.preview");
            } else {
                System.setProperty("jcn.preview", before);
            }
        }
    }
}

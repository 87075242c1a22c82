package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jshell.JShell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private static JShell shell;
    private static Analysis analysis;

    @BeforeAll
    static void start() {
        shell = JShell.create();
        analysis = new Analysis(shell.sourceCodeAnalysis());
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void completesInTheSnippetUnderTheCursor() {
        String code = "int a = 1;\nMath.ab";
        Analysis.Completions completions = analysis.complete(code, code.length());
        assertTrue(completions.matches().contains("abs("), completions.toString());
        assertEquals(code.indexOf("ab"), completions.start());
        assertEquals(code.length(), completions.end());
    }

    @Test
    void inspectsTheMethodUnderTheCursor() {
        String text = analysis.inspect("Math.abs", 8);
        assertNotNull(text);
        assertTrue(text.contains("Math.abs(int"), text);
        assertNull(analysis.inspect("   ", 1));
    }

    @Test
    void tellsCompleteIncompleteAndInvalidCode() {
        assertEquals("complete", analysis.isComplete("int a = 1;"));
        assertEquals("complete", analysis.isComplete("int a = 1;\nvoid f() { }"));
        assertEquals("incomplete", analysis.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("invalid", analysis.isComplete("}"));
    }
}

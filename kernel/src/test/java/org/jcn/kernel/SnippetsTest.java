package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jdk.jshell.JShell;

import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void aCellIsCutIntoSnippetsThatKnowWhereTheyStartAndWhetherTheyEndInASemicolon() {
        String code = "int a = 1;\n\n  a + 1\n";
        try (JShell shell = JShell.create()) {
            List<Snippets.Part> parts = Snippets.split(shell.sourceCodeAnalysis(), code);
            assertEquals(2, parts.size());
            assertEquals(0, parts.get(0).start());
            assertTrue(parts.get(0).semicolon());
            assertEquals(3, Snippets.lineOf(code, code.indexOf("a + 1")));
            assertFalse(parts.get(1).semicolon());
            assertTrue(code.substring(parts.get(1).start()).strip().startsWith("a + 1"));
        }
    }

    @Test
    void blankAndCommentOnlyCellsHaveNoSnippets() {
        try (JShell shell = JShell.create()) {
            assertEquals(List.of(), Snippets.split(shell.sourceCodeAnalysis(), "  \n// nothing here\n"));
        }
    }

    @Test
    void rememberedSnippetsGiveTheCellLineOfTheirFirstCode() {
        Snippets snippets = new Snippets();
        String code = "int a = 1;\n\nfoo();";
        snippets.remember("7", 3, code, new Snippets.Part("\n\nfoo();", code.indexOf('\n'), null, true));
        assertEquals(new Snippets.Origin(3, 3), snippets.origin("7"));
        assertEquals(null, snippets.origin("8"));
    }
}

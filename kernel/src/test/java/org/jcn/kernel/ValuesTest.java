package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void arraysReadAsJShellWritesThem() {
        assertEquals("int[3] { 1, 2, 3 }", Values.text(new int[] {1, 2, 3}));
        assertEquals("String[2] { \"a\", null }", Values.text(new String[] {"a", null}));
        assertEquals("int[2][] { int[1] { 7 }, null }", Values.text(new int[][] {{7}, null}));
        assertEquals("long[0] { }", Values.text(new long[0]));
    }

    @Test
    void largeValuesShowTheirStartAndCountTheRest() {
        String text = Values.text(new long[10_000_000]);
        assertTrue(text.startsWith("long[10000000] { 0, 0, "), text);
        assertTrue(text.endsWith(", ... 9,999,900 more }"), text);
        List<Integer> many = new ArrayList<>(Collections.nCopies(1_000, 1));
        assertTrue(Values.text(many).startsWith("ArrayList of 1,000: [1, 1"), Values.text(many));
        String huge = Values.text("x".repeat(1_000_000));
        assertTrue(huge.length() <= Values.CHARACTERS && huge.endsWith("\"... 980,200 more"),
                huge.substring(huge.length() - 40));
    }

    @Test
    void smallValuesKeepTheirOwnText() {
        assertFalse(Values.summarised(List.of(1, 2, 3)));
        assertFalse(Values.summarised("short"));
        assertFalse(Values.summarised(null));
        assertTrue(Values.summarised(new int[0]));
    }

    @Test
    void repeatedFramesAreFolded() {
        List<String> frames = new ArrayList<>(Collections.nCopies(1_024, "    at f (cell [2] line 1)"));
        frames.add("    at the cell's code (cell [3] line 1)");
        assertEquals(List.of("    at f (cell [2] line 1)", "    ... 1,023 more of the same",
                "    at the cell's code (cell [3] line 1)"), CellFailure.fold(frames));
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pairs.addAll(List.of("    at a", "    at b"));
        }
        assertEquals(List.of("    at a", "    at b", "    ... 18 more of the same (these 2 frames, repeated)"),
                CellFailure.fold(pairs));
        assertEquals(List.of("    at a", "    at a"), CellFailure.fold(List.of("    at a", "    at a")));
    }

    @Test
    void messagesNameVariablesAsTheCellDoes() {
        assertEquals("Cannot read field \"b\" because \"p\" is null",
                CellFailure.cellTerms("Cannot read field \"b\" because \"REPL.$JShell$24B.p\" is null"));
    }
}

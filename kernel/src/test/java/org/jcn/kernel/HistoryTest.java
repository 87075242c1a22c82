package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getInput).toList();
    }

    @Test
    void answersTailRangeAndGlobSearch() {
        History history = new History();
        history.add(1, "int a = 1;");
        history.add(2, "a + 1");
        history.add(3, "int b = 2;");
        history.add(4, "int a = 1;");

        assertEquals(List.of("int b = 2;", "int a = 1;"), inputs(history.answer(new HistoryRequest.Tail(false, true, 2))));
        assertEquals(List.of("a + 1", "int b = 2;"), inputs(history.answer(new HistoryRequest.Range(false, true, 0, 2, 4))));
        assertEquals(List.of("int a = 1;", "int b = 2;", "int a = 1;"),
                inputs(history.answer(new HistoryRequest.Search(false, true, 10, "int *", false))));
        assertEquals(List.of("int b = 2;", "int a = 1;"),
                inputs(history.answer(new HistoryRequest.Search(false, true, 10, "int ?*", true))));
    }
}

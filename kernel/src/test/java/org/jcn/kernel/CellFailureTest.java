package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How frames of cell code are named and printed, apart from JShell. */
class CellFailureTest {

    private static final Snippets.Origin CELL_4 = new Snippets.Origin(4, 2);

    @Test
    void aLambdaIsNamedAfterTheMethodItIsWrittenIn() {
        assertEquals("the cell", CellFailure.enclosing("", "lambda$do_it$$0"));
        assertEquals("the cell", CellFailure.enclosing("", "lambda$do_it$Aux$1"));
        assertEquals("main", CellFailure.enclosing("", "lambda$main$1"));
        assertEquals("Worker.go", CellFailure.enclosing("Worker", "lambda$go$0"));
        assertEquals("Worker", CellFailure.enclosing("Worker", "lambda$new$2"));
        assertEquals("the cell", CellFailure.enclosing("", "lambda$static$0"));
    }

    @Test
    void aLambdaFrameNamesItsMethodAndCellLine() {
        StackTraceElement cellLambda =
                new StackTraceElement("REPL.$JShell$23", "lambda$do_it$$0", "$JShell$23.java", 7);
        assertEquals("a lambda in the cell (cell [4] line 3)", CellFailure.named(cellLambda, CELL_4, 2));
        StackTraceElement methodLambda = new StackTraceElement("REPL.$JShell$24B$Pool", "lambda$submit$0", null, -1);
        assertEquals("a lambda in Pool.submit (cell [4] line 2)", CellFailure.named(methodLambda, CELL_4, 1));
    }

    @Test
    void aPrintedCellFrameIsRewrittenAndTheKernelsFramesBelowTheCellAreLeftOut() {
        StringBuilder asked = new StringBuilder();
        java.util.function.Function<StackTraceElement, String> names = frame -> {
            asked.append(frame.getClassName()).append('.').append(frame.getMethodName()).append(':')
                    .append(frame.getFileName()).append(':').append(frame.getLineNumber());
            return "named";
        };
        assertEquals("java.lang.RuntimeException: x", CellPrintStream.printed("java.lang.RuntimeException: x", names));
        assertEquals("\tat named", CellPrintStream.printed("\tat REPL.$JShell$22.lambda$do_it$$0($JShell$22.java:6)",
                names));
        assertEquals("REPL.$JShell$22.lambda$do_it$$0:$JShell$22.java:6", asked.toString());
        assertEquals("\tat java.base/java.lang.Thread.run(Thread.java:1474)",
                CellPrintStream.printed("\tat java.base/java.lang.Thread.run(Thread.java:1474)", names));
        assertEquals("\tat named", CellPrintStream.printed("\tat REPL.$JShell$23.do_it$($JShell$23.java:5)", names));
        assertNull(CellPrintStream.printed("\tat org.jcn.kernel.CellControl.runSnippet(CellControl.java:133)", names));
        assertEquals("Caused by: y", CellPrintStream.printed("Caused by: y", names));
        assertEquals("\tat a.B.c(B.java:1)", CellPrintStream.printed("\tat a.B.c(B.java:1)", names));
    }

    @Test
    void eachPrintedLineIsOneWriteIntoTheCellsBuffer() {
        java.util.List<String> writes = new java.util.ArrayList<>();
        CellPrintStream printed = new CellPrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                writes.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.add(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        String end = System.lineSeparator();
        printed.println(42);
        printed.println("text");
        printed.println(2.5);
        printed.println();
        assertEquals(java.util.List.of("42" + end, "text" + end, "2.5" + end, end), writes);
    }
}

package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kernel's JShell driver, on a real in-process JShell. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EvaluatorTest {

    private static Evaluator evaluator;
    private static int count;

    @BeforeAll
    static void startJShell() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        evaluator = new Evaluator(List.of(), null, List.of(), quiet, quiet);
        evaluator.runQuietly("import java.util.*;\nimport java.util.concurrent.*;");
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    private static Evaluator.Value run(String code) throws CellFailure {
        return evaluator.run(++count, code, new ArrayList<>());
    }

    @Test
    void anExpressionEndingTheCellIsItsValueAsAnObject() throws CellFailure {
        Evaluator.Value value = run("int a = 6;\nList.of(a, a * 7)");
        assertTrue(value.present());
        assertEquals(List.of(6, 42), value.object());
    }

    @Test
    void aSemicolonOfTheCellsOwnHidesTheValue() throws CellFailure {
        assertFalse(run("6 * 7;").present());
        assertFalse(run("int b = 5;").present(), "a declaration shows no value");
        assertTrue(run("6 * 7").present());
    }

    @Test
    void aMethodThatRefersToSomethingUndeclaredGivesANoteNotAnError() throws CellFailure {
        List<String> notes = new ArrayList<>();
        evaluator.run(++count, "void later() { System.out.println(notYetDeclared); }", notes);
        assertEquals(List.of("method later() is defined, but cannot be invoked until variable notYetDeclared is "
                + "declared"), notes);
    }

    @Test
    void aCompileErrorNamesTheCellLineAndPutsACaretUnderTheColumn() {
        CellFailure failure = assertThrows(CellFailure.class, () -> run("int c = 1;\nint d = \"text\";"));
        assertEquals("CompilationError", failure.name);
        assertTrue(failure.value.startsWith("incompatible types"), failure.value);
        assertTrue(failure.traceback.contains("    int d = \"text\";"), failure.traceback.toString());
        assertTrue(failure.traceback.stream().anyMatch(l -> l.startsWith("cell line 2, column 9: incompatible")),
                failure.traceback.toString());
        assertTrue(failure.traceback.contains("            ^^^^^^"), failure.traceback.toString());
    }

    @Test
    void anExceptionsStackTraceNamesCellLinesNotJShellWrappers() {
        CellFailure failure = assertThrows(CellFailure.class,
                () -> run("void boom() {\n    throw new IllegalStateException(\"boom\");\n}\nint e = 1;\nboom();"));
        assertEquals("java.lang.IllegalStateException", failure.name);
        assertEquals("boom", failure.value);
        assertEquals("java.lang.IllegalStateException: boom", failure.traceback.get(0));
        assertEquals("    at boom (cell [" + count + "] line 2)", failure.traceback.get(1));
        assertEquals("    at the cell's code (cell [" + count + "] line 5)", failure.traceback.get(2));
        assertTrue(failure.traceback.stream().noneMatch(l -> l.contains("$JShell$")), failure.traceback.toString());
    }

    @Test
    void stopEndsCellCodeLoopingInAnotherThread() throws Exception {
        run("var started = new CountDownLatch(1);");
        run("Thread spinner = Thread.ofPlatform().start(() -> { started.countDown(); long n = 0; while (true) { n++; } });");
        run("started.await();");
        Thread spinner = (Thread) run("spinner").object();
        assertTrue(spinner.isAlive());
        evaluator.stop();
        spinner.join(5_000);
        assertFalse(spinner.isAlive(), "a loop in cell code ignores interrupts but not the stop check");
    }

    @Test
    void aStopBetweenCellsDoesNotStopTheNextCell() throws CellFailure {
        evaluator.stop();
        assertEquals(42, run("6 * 7").object());
    }

    @Test
    void variableValuesReachTheFuturesACellHolds() throws CellFailure {
        run("CompletableFuture<String> pending = new CompletableFuture<>();");
        assertTrue(evaluator.variableValues().stream().anyMatch(v -> v instanceof CompletableFuture<?> f
                && !f.isDone()));
        run("pending.complete(\"done\");");
    }

    @Test
    void anExceptionInAThreadTheCellStartedNamesCellLines() throws Exception {
        run("void failWith(int n) {\n    if (n > 0) {\n        throw new IllegalStateException(\"n is \" + n);\n    }\n}");
        int declared = count;
        run("int first = 1;\nvar failing = Thread.ofPlatform().unstarted(() -> {\n    int a = 2;\n    failWith(a);\n});");
        int started = count;
        // The cell hands the exception over through the system properties, the one map both sides can see.
        run("failing.setUncaughtExceptionHandler((t, e) -> System.getProperties().put(\"jcn.test.thrown\", e));\n"
                + "failing.start();\nfailing.join();");
        Throwable thrown = (Throwable) System.getProperties().remove("jcn.test.thrown");
        String trace = evaluator.trace(thrown);
        assertTrue(trace.startsWith("java.lang.IllegalStateException: n is 2"), trace);
        assertTrue(trace.contains("failWith (cell [" + declared + "] line 3)"), trace);
        assertTrue(trace.contains("a lambda in the cell (cell [" + started + "] line 4)"), trace);
        assertFalse(trace.contains("REPL."), trace);
    }

    @Test
    void aLambdaInAMethodOfAnEarlierCellIsNamedByItsMethodAndCellLine() throws Exception {
        run("void work() {\n    Runnable task = () -> {\n        throw new IllegalStateException(\"in work\");\n"
                + "    };\n    Thread worker = new Thread(task);\n    worker.setUncaughtExceptionHandler("
                + "(t, e) -> System.getProperties().put(\"jcn.test.lambda\", e));\n"
                + "    worker.start();\n    try { worker.join(); } catch (InterruptedException e) { }\n}");
        int declared = count;
        run("int unrelated = 3;\nwork();");
        Throwable thrown = (Throwable) System.getProperties().remove("jcn.test.lambda");
        String trace = evaluator.trace(thrown);
        assertTrue(trace.contains("\tat a lambda in work (cell [" + declared + "] line 3)"), trace);
        assertFalse(trace.contains("$JShell$") || trace.contains("lambda$"), trace);
    }

    @Test
    void aTraceTheCellPrintsItselfNamesCellLinesAndEndsAtTheCellsCode() throws Exception {
        run("int spacer = 0;\nSystem.getProperties().put(\"jcn.test.made\", new RuntimeException(\"made here\"));");
        int made = count;
        Throwable thrown = (Throwable) System.getProperties().remove("jcn.test.made");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CellPrintStream printed = new CellPrintStream(bytes);
        printed.nameFramesWith(evaluator::frame);
        thrown.printStackTrace(printed);
        printed.println("a later line");
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(String.join(System.lineSeparator(), "java.lang.RuntimeException: made here",
                "\tat the cell's code (cell [" + made + "] line 2)", "a later line", ""), text);
    }

    @Test
    void aCauseCountsTheFramesItSharesWithTheTraceAboveIt() {
        RuntimeException cause = new RuntimeException("inner");
        IllegalStateException outer = new IllegalStateException("outer", cause);
        StackTraceElement[] common = {new StackTraceElement("a.B", "run", "B.java", 9),
                new StackTraceElement("java.lang.Thread", "run", "Thread.java", 1)};
        outer.setStackTrace(new StackTraceElement[] {new StackTraceElement("a.B", "outer", "B.java", 3), common[0],
                common[1]});
        cause.setStackTrace(new StackTraceElement[] {new StackTraceElement("a.B", "inner", "B.java", 5), common[0],
                common[1]});
        String trace = CellFailure.trace(outer, StackTraceElement::toString);
        assertEquals(String.join("\n", "java.lang.IllegalStateException: outer", "\tat a.B.outer(B.java:3)",
                "\tat a.B.run(B.java:9)", "\tat java.lang.Thread.run(Thread.java:1)",
                "Caused by: java.lang.RuntimeException: inner", "\tat a.B.inner(B.java:5)", "\t... 2 more", ""), trace);
    }

    @Test
    void aShownValueIsNotKeptAsAVariable() throws CellFailure {
        run("6 * 7");
        run("\"kept\".length()");
        assertTrue(evaluator.analyse(a -> a.complete("$", 1).matches().isEmpty(), false,
                java.time.Duration.ofSeconds(5)), "values of expressions are kept as $n variables");
    }

    @Test
    void theStartUpScriptRunsImportsLineByLineAndAnythingElseAsCells() throws CellFailure {
        evaluator.stop(); // a stop before the script runs does not stop the script
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Evaluator fresh = new Evaluator(List.of(), null, List.of(), quiet, quiet)) {
            fresh.runQuietly("// a comment\nimport java.util.concurrent.atomic.*;\n\nimport static java.lang.Math.max;"
                    + "\nint startValue = max(2, 3);\nString greet() {\n    return \"hi\";\n}");
            assertEquals(3, fresh.run(1, "new AtomicInteger(startValue).get()", new ArrayList<>()).object());
            assertEquals("hi", fresh.run(2, "greet()", new ArrayList<>()).object());
        }
    }
}

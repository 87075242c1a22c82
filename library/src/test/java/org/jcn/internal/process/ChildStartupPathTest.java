package org.jcn.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jcn.processes.SerializableFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the rule that a child JVM's own path, from {@code main} through reading a task, decoding and running it
 * to sending its result, uses no lambda, method reference or string concatenation (see {@link ChildMain}).
 *
 * <p>Why the rule still matters: each of those is an invokedynamic call site, and the first one a JVM runs
 * bootstraps the method-handle machinery ({@code LambdaMetafactory} or {@code StringConcatFactory}, spun classes).
 * A JDK 25 child with the start-up cache of {@code kernel/install} has much of that linked ahead of time, but a
 * child on JDK 21 to 24, or one started before any cache exists (the first run, a class folder on the class path,
 * no writable cache folder), pays for it at start-up: the very cost the plain-data path of {@link Codec} was built
 * to avoid (BENCHMARKS.md, child JVMs). So the test runs a real child and reads which classes it loaded.
 */
class ChildStartupPathTest {

    /** Loaded by the child only when the second task runs: everything logged before it was the path so far. */
    static final class SecondTask {
        static int mark(int n) {
            return n;
        }
    }

    /** The task: no lambda and no string concatenation of its own, so what the log shows is the child's doing. */
    static int probe(int n) {
        return n == 2 ? SecondTask.mark(n) : n;
    }

    @Test
    @Timeout(60)
    void aChildRunsTasksWithoutBootstrappingLambdasOrStringConcatenation(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        String before = System.getProperty(JvmCommand.EXTRA_PROPERTY);
        System.setProperty(JvmCommand.EXTRA_PROPERTY, "-Xlog:class+load=info:file=" + log);
        try (ChildPool pool = new ChildPool(1)) {
            // Two tasks: the second one's marker is loaded only after the first result went back and the next
            // frame was read, so the log before it covers the whole round.
            assertEquals(List.of(1, 2), pool.map((SerializableFunction<Integer, Integer>) ChildStartupPathTest::probe,
                    List.of(1, 2), 1));
        } finally {
            if (before == null) {
                System.clearProperty(JvmCommand.EXTRA_PROPERTY);
            } else {
                System.setProperty(JvmCommand.EXTRA_PROPERTY, before);
            }
        }
        List<String> lines = Files.readAllLines(log);
        int marker = -1;
        for (int i = 0; i < lines.size() && marker < 0; i++) {
            if (lines.get(i).contains(SecondTask.class.getName() + " ")) {
                marker = i;
            }
        }
        assertTrue(marker > 0, "the child did not log loading " + SecondTask.class.getName() + ": " + log);
        assertTrue(lines.subList(0, marker).stream().anyMatch(l -> l.contains(ChildMain.class.getName() + " ")),
                "the log shows the child's own classes");
        List<String> bootstrapped = lines.subList(0, marker).stream()
                .filter(l -> l.contains("java.lang.invoke.LambdaMetafactory ")
                        || l.contains("java.lang.invoke.StringConcatFactory ") || l.contains("$$Lambda"))
                .toList();
        assertEquals(List.of(), bootstrapped, "a child's start-up path bootstrapped invokedynamic");
    }
}

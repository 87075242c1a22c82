package org.jcn.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test support: the live child processes of the test JVM, and capture of what reaches System.out/err. */
final class Children {

    private Children() {
    }

    static List<ProcessHandle> alive() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Asserts that no child process of this JVM is alive, after giving the OS a moment to reap them. */
    static void assertNoneLeft() throws InterruptedException {
        for (int i = 0; i < 50 && !alive().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), alive().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList(), "child processes still alive");
    }

    /** What a body printed to System.out and System.err, which are swapped while it runs (as a kernel does). */
    record Captured(String out, String err) {
    }

    interface Body {
        void run() throws Exception;
    }

    static synchronized Captured capture(Body body) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Captured(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

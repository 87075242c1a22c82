package org.jcn.processes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Shared by the child-process tests: starting a child with a java binary that does not exist. */
final class MissingJava {

    static final String PATH = "/no/such/jdk/bin/java";

    private MissingJava() {
    }

    /** Runs {@code start} with the java binary pointed at {@link #PATH} and asserts the error names that path. */
    static void assertStartNamesTheMissingBinary(Executable start) {
        String old = System.getProperty("jcn.processes.java");
        System.setProperty("jcn.processes.java", PATH);
        try {
            ChildProcessException e = assertThrows(ChildProcessException.class, start);
            assertTrue(e.getMessage().contains("no java binary at " + PATH), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("jcn.processes.java");
            } else {
                System.setProperty("jcn.processes.java", old);
            }
        }
    }
}

package org.jcn.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChildProcessExceptionTest {

    @Test
    void aTaskFailureHasACauseButNoExitCode() {
        IllegalStateException cause = new IllegalStateException("boom");
        ChildProcessException e = new ChildProcessException("the task failed", cause);
        assertSame(cause, e.getCause());
        assertEquals(OptionalInt.empty(), e.exitCode());
        assertEquals("", e.stderr());
    }

    @Test
    void anExitCarriesItsCodeAndStderr() {
        ChildProcessException e = new ChildProcessException("exited", OptionalInt.of(3), "bad\nworse");
        assertEquals(OptionalInt.of(3), e.exitCode());
        assertEquals("bad\nworse", e.stderr());
        assertEquals("exited", e.getMessage());
    }
}

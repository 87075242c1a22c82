package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The display functions outside the kernel; inside it they are tested through the protocol (tests/). */
class NotebookTest {

    @Test
    void outsideTheKernelDisplayFunctionsSaySoInsteadOfFailingObscurely() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Notebook.display("x"));
        assertEquals("display functions work only inside the java-concurrency kernel", e.getMessage());
        assertThrows(IllegalStateException.class, Notebook::clearOutput);
    }
}

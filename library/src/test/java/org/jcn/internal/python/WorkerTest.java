package org.jcn.internal.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jcn.python.Python;
import org.jcn.python.PythonException;
import org.jcn.python.PythonInterpreter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WorkerTest {

    private static PythonInterpreter python;

    @BeforeAll
    static void debianPython() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "Debian's python3 is not installed");
        python = Python.at(Path.of("/usr/bin/python3"));
    }

    @Test
    void aBatchComesBackInOrderWithTheWorkersOwnTiming() throws Exception {
        try (Worker worker = Worker.start(python, "processes", 2, Map.of())) {
            Worker.Answer answer = worker.run(2, List.of(List.of("sum_range", List.of(0L, 1000L)),
                    List.of("sum_range", List.of(1000L, 2000L)), List.of("sum_range", List.of(0L, 0L))));
            assertEquals(List.of(499_500L, 1_499_500L, 0L), answer.results());
            assertTrue(answer.seconds() > 0);
        }
    }

    @Test
    void aFailingCallComesBackWithItsTracebackAndTheWorkerGoesOn() throws Exception {
        try (Worker worker = Worker.start(python, "threads", 1, Map.of())) {
            PythonException e = assertThrows(PythonException.class,
                    () -> worker.run(1, List.of(List.of("sum_range", List.of("zero", 3L)))));
            assertEquals("TypeError", e.pythonType());
            assertTrue(e.traceback().contains("in sum_range"), e.traceback());
            assertFalse(e.exitCode().isPresent());
            assertEquals(List.of(3L), worker.run(1, List.of(List.of("sum_range", List.of(0L, 3L)))).results());
        }
    }

    @Test
    void closingEndsTheWorkerAndItsPool() throws Exception {
        Worker worker = Worker.start(python, "processes", 2, Map.of());
        ProcessHandle process = ProcessHandle.of(worker.pid()).orElseThrow();
        List<ProcessHandle> pool = process.descendants().toList();
        assertTrue(pool.size() >= 2, "the pool's processes were not started: " + pool);
        worker.close();
        assertFalse(process.isAlive());
        for (ProcessHandle p : pool) {
            p.onExit().join();
        }
    }
}

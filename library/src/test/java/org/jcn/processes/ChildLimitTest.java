package org.jcn.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jcn.measure.Mechanism;
import org.jcn.measure.Sweep;
import org.jcn.measure.Workloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cap on child JVMs per kernel: ChildProcess, ProcessPool and sweeps alike, checked before anything starts. */
@Timeout(60)
class ChildLimitTest {

    private static final String PROPERTY = "jcn.maxChildJvms";

    @AfterEach
    void capBackToDefaultAndNoChildLeft() throws InterruptedException {
        System.clearProperty(PROPERTY);
        Children.assertNoneLeft();
    }

    @Test
    void theDefaultIsEightPerCoreAndAtLeastSixteen() {
        assertEquals(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()), ChildProcess.limit());
        assertTrue(ChildProcess.limit() >= 2 * Mechanism.MAX_CHILD_JVMS, "room for a sweep's largest pool and more");
    }

    @Test
    void aPoolOverTheCapFailsBeforeStartingAnythingNamingTheCap() {
        String message = assertThrows(IllegalArgumentException.class, () -> ProcessPool.newPool(1000)).getMessage();
        assertTrue(message.startsWith("can't start a pool of 1000 child JVMs: that is more than the cap of "
                + ChildProcess.limit() + " per kernel"), message);
        assertTrue(message.contains(PROPERTY) && message.contains("JCN_MAX_CHILD_JVMS"), message);
        assertEquals(List.of(), Children.alive());
        assertEquals(0, ChildProcess.running());
    }

    @Test
    void childrenPoolsAndSweepsShareTheCapAndAClosedOneGivesItsPlaceBack() throws Exception {
        System.setProperty(PROPERTY, "3");
        try (ProcessPool pool = ProcessPool.newPool(2);
             ChildProcess<Void> sleeper = ChildProcess.start(() -> Thread.sleep(30_000))) {
            assertEquals(3, ChildProcess.running());
            int before = Children.alive().size();
            String child = assertThrows(IllegalStateException.class, () -> ChildProcess.start(() -> 1)).getMessage();
            assertTrue(child.startsWith("can't start a child JVM: 3 child JVMs are running and 1 more would pass the"
                    + " cap of 3 per kernel"), child);
            String another = assertThrows(IllegalStateException.class, () -> ProcessPool.newPool(1)).getMessage();
            assertTrue(another.contains("the cap of 3"), another);
            String sweep = assertThrows(IllegalStateException.class, () -> Sweep.of(Workloads.sumOfRange(1000))
                    .withMechanisms(Mechanism.CHILD_PROCESSES).withWorkerCounts(1, 2).run()).getMessage();
            assertTrue(sweep.contains("the cap of 3"), sweep);
            assertEquals(before, Children.alive().size(), "nothing was started over the cap");
            sleeper.close();
            assertEquals(2, ChildProcess.running());
            assertEquals(42, ChildProcess.start(() -> 42).join(Duration.ofSeconds(30)));
        }
        assertEquals(0, ChildProcess.running());
    }

    @Test
    @Timeout(120)
    void aStartRefusedByTheProcessLimitNamesThatLimit() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running as another user under a process limit needs root and setpriv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "bash", "-c", "ulimit -u 150; cd /; exec \"$0\" -Djcn.maxChildJvms=100 -cp \"$1\" "
                + StartUnderLimit.class.getName(), java, System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        assertTrue(out.contains("FAILED after "), out);
        String failure = out.substring(out.indexOf("FAILED after "));
        assertTrue(failure.contains("can't start a child JVM: the process limit is reached: this user runs "), out);
        assertTrue(failure.contains("processes and threads of the 150 that ulimit -u allows"), out);
    }

    @Test
    void aCapThatIsNotANumberIsNamed() {
        System.setProperty(PROPERTY, "lots");
        String message = assertThrows(IllegalArgumentException.class, ChildProcess::limit).getMessage();
        assertEquals("the system property jcn.maxChildJvms must be a whole number >= 1 but was \"lots\"", message);
        assertThrows(IllegalArgumentException.class, () -> ChildProcess.start(() -> 1));
    }
}

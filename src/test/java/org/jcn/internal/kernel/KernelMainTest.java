package org.jcn.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rapaio.jupyter.kernel.channels.LoopThread;

@Timeout(10)
class KernelMainTest {

    /** Stands in for one of the kernel's channels: the watch looks for a field named loopThread. */
    static final class FakeChannel {
        volatile LoopThread loopThread;
    }

    private static void setRunning(LoopThread thread, boolean running) throws Exception {
        Field field = LoopThread.class.getDeclaredField("running");
        field.setAccessible(true);
        field.setBoolean(thread, running);
    }

    @Test
    void aLoopThreadThatEndedWhileMarkedRunningIsReplacedByOneThatRuns() throws Exception {
        CountDownLatch looped = new CountDownLatch(3);
        FakeChannel channel = new FakeChannel();
        LoopThread dead = new LoopThread("Shell-0", 1, looped::countDown);
        setRunning(dead, true);          // what start() leaves behind when the thread already saw false and ended
        channel.loopThread = dead;
        assertTrue(KernelMain.reviveIfDead(channel));
        LoopThread replacement = channel.loopThread;
        assertNotSame(dead, replacement);
        assertTrue(looped.await(5, TimeUnit.SECONDS), "the replacement never ran its loop");
        replacement.shutdown();
        replacement.join(5_000);
    }

    @Test
    void aLoopThreadThatWasShutDownOrStillRunsIsLeftAlone() throws Exception {
        FakeChannel channel = new FakeChannel();
        LoopThread stopped = new LoopThread("Control-0", 1, () -> { });
        channel.loopThread = stopped;    // never started, running false: a shut-down thread looks like this
        assertFalse(KernelMain.reviveIfDead(channel));
        assertSame(stopped, channel.loopThread);

        CountDownLatch block = new CountDownLatch(1);
        LoopThread alive = new LoopThread("Heartbeat-0", 1, () -> {
            try {
                block.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        setRunning(alive, true);
        alive.start();
        channel.loopThread = alive;
        assertFalse(KernelMain.reviveIfDead(channel));
        assertSame(alive, channel.loopThread);
        alive.shutdown();
        block.countDown();
        alive.join(5_000);
    }

    @Test
    void objectsWithoutALoopThreadAreSkipped() throws Exception {
        assertFalse(KernelMain.reviveIfDead(new Object()));
    }
}

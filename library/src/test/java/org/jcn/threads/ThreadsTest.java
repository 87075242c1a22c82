package org.jcn.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ThreadsTest {

    private final AtomicReference<Object> seen = new AtomicReference<>();
    private final AtomicReference<Thread> runner = new AtomicReference<>();
    private final Consumer<Integer> square = n -> {
        runner.set(Thread.currentThread());
        seen.set(n * n);
    };

    @Test
    void startRunsTheConsumerWithItsArgumentOnAPlatformThread() throws InterruptedException {
        Thread thread = Threads.start(square, 10);
        thread.join();

        assertEquals(100, seen.get());
        assertEquals(thread, runner.get());
        assertFalse(thread.isVirtual());
        assertFalse(thread.isDaemon());
    }

    @Test
    void startVirtualRunsTheConsumerWithItsArgumentOnAVirtualThread() throws InterruptedException {
        Thread thread = Threads.startVirtual(square, 10);
        thread.join();

        assertEquals(100, seen.get());
        assertEquals(thread, runner.get());
        assertTrue(thread.isVirtual());
    }

    @Test
    void runnablesRunOnTheThreadReturned() throws InterruptedException {
        Thread platform = Threads.start(() -> runner.set(Thread.currentThread()));
        platform.join();
        assertEquals(platform, runner.get());

        Thread virtual = Threads.startVirtual(() -> runner.set(Thread.currentThread()));
        virtual.join();
        assertEquals(virtual, runner.get());
    }

    @Test
    void namedThreadsCarryTheirName() throws InterruptedException {
        Thread a = Threads.start("square", square, 3);
        Thread b = Threads.startVirtual("cube", () -> seen.set("cube"));
        Thread c = Threads.start("plain", () -> { });
        Thread d = Threads.startVirtual("virtual-square", square, 4);
        for (Thread t : new Thread[] {a, b, c, d}) {
            t.join();
        }
        assertEquals("square", a.getName());
        assertEquals("cube", b.getName());
        assertEquals("plain", c.getName());
        assertEquals("virtual-square", d.getName());
        assertTrue(d.isVirtual());
    }

    @Test
    void aNullArgumentIsPassedOn() throws InterruptedException {
        seen.set("not called");
        Threads.start(seen::set, null).join();
        assertEquals(null, seen.get());
    }

    @Test
    void rejectsNullTargets() {
        assertMessage("target must not be null", () -> Threads.start((Runnable) null));
        assertMessage("target must not be null", () -> Threads.start((Consumer<Integer>) null, 1));
        assertMessage("target must not be null", () -> Threads.start("name", (Runnable) null));
        assertMessage("target must not be null", () -> Threads.start("name", (Consumer<Integer>) null, 1));
        assertMessage("target must not be null", () -> Threads.startVirtual((Runnable) null));
        assertMessage("target must not be null", () -> Threads.startVirtual((Consumer<Integer>) null, 1));
        assertMessage("target must not be null", () -> Threads.startVirtual("name", (Runnable) null));
        assertMessage("target must not be null", () -> Threads.startVirtual("name", (Consumer<Integer>) null, 1));
    }

    @Test
    void rejectsNullNames() {
        assertMessage("name must not be null", () -> Threads.start((String) null, () -> { }));
        assertMessage("name must not be null", () -> Threads.start(null, square, 1));
        assertMessage("name must not be null", () -> Threads.startVirtual((String) null, () -> { }));
        assertMessage("name must not be null", () -> Threads.startVirtual(null, square, 1));
    }

    private static void assertMessage(String message, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(message, e.getMessage());
    }
}

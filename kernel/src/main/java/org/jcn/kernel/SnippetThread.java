package org.jcn.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jshell.spi.ExecutionControl.StoppedException;

/**
 * Runs one snippet's code on a thread of its own, in a thread group of its own, and waits for that thread only.
 *
 * <p>JShell's {@code LocalExecutionControl} (JDK 25) starts the snippet's thread and then joins every thread of
 * its group that it finds alive: a snippet that starts a long-lived thread quickly enough (a server's loop, an
 * {@code HttpClient}'s selector, any daemon) gets that thread joined too, and its cell never ends, more often on
 * a second run when everything is warm. The kernel waits for the work a cell started itself ({@link CellRunner}:
 * non-daemon threads only, interruptibly, saying what it waits for), so here only the snippet's thread is joined.
 *
 * <p>A thread the snippet started that dies of an exception reports it as any Java program's thread does (the
 * kernel's default handler prints it in its cell); one ended by the stop check ends quietly.
 *
 * <p>A snippet that a stop cannot end (it waits in {@code CompletableFuture.join} or
 * {@code Semaphore.acquireUninterruptibly}, which ignore interrupts, or it runs library code that checks for
 * nothing, as {@code LongStream.range(0, Long.MAX_VALUE).sum()} does) is left behind {@link #ABANDON_AFTER} after
 * the stop: the wait ends as if the stop had worked and JShell, whose state that thread does not hold, runs the
 * next snippets on fresh threads. The thread left behind is {@linkplain #abandoned() kept} for the cell's reply.
 */
final class SnippetThread {

    /** How long a stopped snippet's thread gets to end before it is left behind. */
    static final Duration ABANDON_AFTER = Duration.ofMillis(500);

    private volatile ThreadGroup group;
    private volatile long stopAt;
    private volatile boolean stopRequested;
    private volatile Thread abandoned;

    /**
     * Calls the static no-argument {@code method} on a new thread and waits for it.
     *
     * @return what the method returned
     * @throws StoppedException when the stop check ended it
     * @throws InvocationTargetException with what the method threw
     */
    Object run(Method method) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Object[] result = new Object[1];
        ThreadGroup snippetGroup = new ThreadGroup("JShell process local execution") {
            @Override
            @SuppressWarnings("removal")
            public void uncaughtException(Thread thread, Throwable e) {
                if (!(e instanceof ThreadDeath)) {
                    super.uncaughtException(thread, e);
                }
            }
        };
        group = snippetGroup;
        Thread thread = new Thread(snippetGroup, () -> {
            try {
                result[0] = method.invoke(null);
            } catch (InvocationTargetException e) {
                if (isStop(e.getCause())) {
                    stopped.set(true);
                } else {
                    failure.set(e);
                }
            } catch (IllegalAccessException e) {
                failure.set(e);
            } catch (Error e) {
                if (!isStop(e)) {
                    throw e;
                }
                stopped.set(true);
            }
        });
        abandoned = null;
        stopRequested = false;
        thread.start();
        while (!joined(thread)) {
            if (stopRequested && System.nanoTime() - stopAt > ABANDON_AFTER.toNanos()) {
                abandoned = thread;
                Log.info("left behind a snippet's thread that a stop did not end: " + Stuck.describe(thread));
                throw new StoppedException();
            }
        }
        if (stopped.get()) {
            throw new StoppedException();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result[0];
    }

    private static boolean joined(Thread thread) throws InterruptedException {
        thread.join(20);
        return !thread.isAlive();
    }

    /** The snippet thread that the last run left behind because a stop did not end it, or null. */
    Thread abandoned() {
        return abandoned;
    }

    /**
     * Interrupts the threads of the last snippet's group that still run (as JShell's own stop does), and starts
     * the time after which a snippet that still runs is left behind.
     */
    void interrupt() {
        if (!stopRequested) {
            stopAt = System.nanoTime();
            stopRequested = true;
        }
        ThreadGroup snippetGroup = group;
        if (snippetGroup == null) {
            return;
        }
        Thread[] threads = new Thread[snippetGroup.activeCount() + 16];
        int count = snippetGroup.enumerate(threads);
        for (int i = 0; i < count; i++) {
            threads[i].interrupt();
        }
    }

    @SuppressWarnings("removal")
    private static boolean isStop(Throwable e) {
        return e instanceof ThreadDeath;
    }
}

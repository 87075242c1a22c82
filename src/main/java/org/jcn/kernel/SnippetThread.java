package org.jcn.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
 */
final class SnippetThread {

    private volatile ThreadGroup group;

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
        thread.start();
        thread.join();
        if (stopped.get()) {
            throw new StoppedException();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result[0];
    }

    /** Interrupts the threads of the last snippet's group that still run (as JShell's own stop does). */
    void interrupt() {
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

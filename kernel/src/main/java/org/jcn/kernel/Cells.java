package org.jcn.kernel;

import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Which cell a thread works for: the routing rule for output, displays, input and the library's tracked work.
 *
 * <p>A thread started by a cell inherits that cell (an inheritable thread local), so output printed after the
 * cell's own code has returned still goes to it, never to a later cell. Two kinds of thread have no such tie:
 * threads of shared pools (the common fork-join pool, an executor created in an earlier cell), whose task was
 * most likely handed over by the cell running now; and threads the kernel or a library started before any cell.
 * Both work for the running cell, or, between cells, for the last one.
 */
final class Cells {

    private static final InheritableThreadLocal<Cell> OWNER = new InheritableThreadLocal<>();
    private static final ThreadLocal<Boolean> POOL_WORKER = ThreadLocal.withInitial(Cells::isPoolWorker);

    // Static because the threads that ask (any thread a cell or a library started) have no kernel to ask: which
    // cell runs is a fact of the JVM, set only by the kernel's one cell runner thread.
    private static volatile Cell running;
    private static volatile Cell last;

    private Cells() {
    }

    /** Makes the calling thread, and every thread it starts from now on, work for {@code cell}. */
    static void own(Cell cell) {
        OWNER.set(cell);
    }

    /** The cell whose code runs or whose work the kernel waits for; null between cells. */
    static Cell running() {
        return running;
    }

    static void begin(Cell cell) {
        last = cell;
        running = cell;
    }

    static void end(Cell cell) {
        if (running == cell) {
            running = null;
        }
    }

    /** The cell the calling thread works for, or null before the first cell. */
    static Cell owner() {
        Cell own = OWNER.get();
        Cell now = running;
        if (own == null) {
            return now != null ? now : last;
        }
        if (now != null && now != own && POOL_WORKER.get()) {
            return now;
        }
        return own;
    }

    private static boolean isPoolWorker() {
        Thread thread = Thread.currentThread();
        if (thread instanceof ForkJoinWorkerThread) {
            return true;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor$Worker")) {
                return true;
            }
        }
        return false;
    }
}

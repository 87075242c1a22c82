package org.jcn.kernel;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the threads a cell started, so that the kernel can wait for them and stop them.
 *
 * <p>Platform threads: everything a cell starts lands in its thread group (a new thread joins its creator's
 * group; an executor's default factory uses the group of the thread that created the executor). Virtual threads
 * belong to no such group; they are found through the JDK's registry of thread containers (the one
 * {@code jcmd Thread.dump_to_file} reads), which the kernelspec opens with
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}. Without that flag the kernel still stops cell code
 * in virtual threads through JShell's stop check, but cannot wake one that sleeps.
 */
final class CellThreads {

    private static final Method ROOT;
    private static final Method THREADS;
    private static final Method CHILDREN;

    static {
        Method root = null;
        Method threads = null;
        Method children = null;
        try {
            Class<?> containers = Class.forName("jdk.internal.vm.ThreadContainers");
            Class<?> container = Class.forName("jdk.internal.vm.ThreadContainer");
            root = containers.getMethod("root");
            threads = container.getMethod("threads");
            children = container.getMethod("children");
            root.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            root = null;
            Log.info("virtual threads cannot be listed (run with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED): "
                    + e);
        }
        ROOT = root;
        THREADS = threads;
        CHILDREN = children;
    }

    private CellThreads() {
    }

    /** The live platform threads of a thread group and its subgroups. */
    static List<Thread> platform(ThreadGroup group) {
        Thread[] threads;
        int count;
        do {
            threads = new Thread[group.activeCount() + 8];
            count = group.enumerate(threads, true);
        } while (count == threads.length);
        return Arrays.asList(Arrays.copyOf(threads, count));
    }

    /** The non-daemon platform threads of the cell that still do something (idle pool workers do not count). */
    static List<Thread> busyNonDaemon(Cell cell) {
        List<Thread> busy = new ArrayList<>();
        for (Thread thread : platform(cell.group)) {
            if (thread.isAlive() && !thread.isDaemon() && thread != Thread.currentThread() && !idlePoolWorker(thread)) {
                busy.add(thread);
            }
        }
        return busy;
    }

    /** Virtual threads created after the thread id {@code firstId}; empty when they cannot be listed. */
    static List<Thread> virtualSince(long firstId) {
        if (ROOT == null) {
            return List.of();
        }
        List<Thread> found = new ArrayList<>();
        try {
            collect(ROOT.invoke(null), firstId, found, 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.error("cannot list virtual threads", e);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object container, long firstId, List<Thread> found, int depth)
            throws ReflectiveOperationException {
        try (Stream<Thread> threads = (Stream<Thread>) THREADS.invoke(container)) {
            threads.filter(t -> t.isVirtual() && t.threadId() >= firstId && t.isAlive()).forEach(found::add);
        }
        if (depth > 32) {
            return;
        }
        List<Object> children;
        try (Stream<Object> stream = (Stream<Object>) CHILDREN.invoke(container)) {
            children = stream.toList();
        }
        for (Object child : children) {
            collect(child, firstId, found, depth + 1);
        }
    }

    /**
     * Threads of pools that no cell owns (the common fork-join pool, which {@code CompletableFuture.supplyAsync}
     * and parallel streams use) that are running code a cell defined.
     */
    static List<Thread> sharedPoolThreadsRunningCellCode() {
        List<Thread> found = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread instanceof java.util.concurrent.ForkJoinWorkerThread && !inGroup(thread, Cell.CELLS)
                    && java.util.Arrays.stream(frames).anyMatch(f -> f.getClassName().startsWith("REPL."))) {
                found.add(thread);
            }
        });
        return found;
    }

    private static boolean inGroup(Thread thread, ThreadGroup group) {
        for (ThreadGroup g = thread.getThreadGroup(); g != null; g = g.getParent()) {
            if (g == group) {
                return true;
            }
        }
        return false;
    }

    /** Whether the thread is the kernel's thread that runs a cell (named and grouped after the cell). */
    static boolean isCellThread(Thread thread, ThreadGroup cellGroup) {
        return thread.getThreadGroup() == cellGroup && thread.getName().equals(cellGroup.getName());
    }

    /** Whether the thread is the cell's own: the kernel's thread running it, or JShell's thread for a snippet. */
    static boolean runsSnippet(Thread thread) {
        if (thread.getName().startsWith("cell-") && thread.getThreadGroup() != null
                && thread.getThreadGroup().getName().equals(thread.getName())) {
            return true;
        }
        StackTraceElement[] frames = thread.getStackTrace();
        return frames.length > 0 && frames[frames.length - 1].getClassName().equals("java.lang.Thread")
                && java.util.Arrays.stream(frames).anyMatch(
                        f -> f.getClassName().equals(SnippetThread.class.getName())
                                || f.getClassName().equals("jdk.jshell.execution.LocalExecutionControl"));
    }

    /** A platform thread parked in a pool, waiting for its next task. */
    static boolean idlePoolWorker(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            String at = frame.getClassName() + "." + frame.getMethodName();
            if (at.equals("java.util.concurrent.ThreadPoolExecutor.getTask")
                    || at.equals("java.util.concurrent.ForkJoinPool.awaitWork")) {
                return true;
            }
        }
        return false;
    }

    /** {@code thread "worker-1"}, {@code virtual thread}, as the library's handles describe threads. */
    static String describe(Thread thread) {
        String kind = thread.isVirtual() ? "virtual thread" : "thread";
        return thread.getName().isEmpty() ? kind : kind + " \"" + thread.getName() + "\"";
    }
}

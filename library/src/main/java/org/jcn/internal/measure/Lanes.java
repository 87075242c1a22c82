package org.jcn.internal.measure;

import java.io.Serializable;

/**
 * Names a timeline's lanes for what they are, and reads which carrier thread a virtual thread is mounted on.
 *
 * <p>The thread that runs a notebook cell (JShell's execution thread, renamed for every cell) is "the cell's
 * thread"; a program's {@code main} is "main thread"; an unnamed virtual thread is "virtual thread #52"; an unnamed
 * platform thread "platform thread #31"; work in another JVM "child JVM (pid 1234)". Named threads keep their name.
 */
public final class Lanes {

    /** The thread group JShell runs snippets in (the JDK's local execution engine: this kernel, IJava, JJava). */
    private static final String JSHELL_GROUP = "JShell process local execution";

    private Lanes() {
    }

    /** The lane of the calling thread, in the JVM whose pid is {@code ownPid}. */
    public static String current(long ownPid) {
        long pid = ProcessHandle.current().pid();
        if (pid != ownPid) {
            return "child JVM (pid " + pid + ")";
        }
        Thread t = Thread.currentThread();
        String name = t.getName();
        if (t.isVirtual()) {
            return name.isEmpty() ? "virtual thread #" + t.threadId() : name + " (virtual)";
        }
        ThreadGroup group = t.getThreadGroup();
        if (group != null && JSHELL_GROUP.equals(group.getName()) && name.startsWith("Thread-")) {
            return "the cell's thread";
        }
        if (name.equals("main")) {
            return "main thread";
        }
        return name.isEmpty() || name.matches("Thread-\\d+") ? "platform thread #" + t.threadId() : name;
    }

    /**
     * The carrier the calling virtual thread is mounted on, such as {@code ForkJoinPool-1-worker-2}; empty on a
     * platform thread. A mounted virtual thread's {@code toString()} ends with {@code @} and its carrier's name.
     */
    public static String carrier() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return "";
        }
        String text = t.toString();
        int at = text.lastIndexOf('@');
        return at < 0 ? "" : text.substring(at + 1);
    }

    /**
     * What one traced task did, where and when: its result, its start and end ({@link System#nanoTime()}, the
     * machine's monotonic clock, which child JVMs on the same machine share), its lane and its carriers.
     */
    public record Trace(Object result, long startNanos, long endNanos, String lane, String carrierAtStart,
                        String carrierAtEnd) implements Serializable {
    }
}

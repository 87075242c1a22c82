package org.jcn.internal.process;

/**
 * The child's two daemon threads that end it: one once the parent is gone, one once {@code main} has returned but
 * threads a task left running keep the JVM alive.
 *
 * <p>Runs in the child on its start-up path: no lambdas, no string concatenation (see {@link ChildMain}).
 */
final class ChildWatchers {

    private ChildWatchers() {
    }

    /** Exits the JVM if threads a task left running keep it alive after main has returned. */
    static final class Reaper implements Runnable {
        @Override
        public void run() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        }
    }

    /**
     * Halts the child when the parent JVM is gone, even if it was killed. Polls with sleeps rather than blocking
     * on a pipe: a thread blocked in a native read would delay every normal exit of the JVM by some 300 ms.
     */
    static final class Parent implements Runnable {
        private final long parentPid;

        Parent(long parentPid) {
            this.parentPid = parentPid;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(200); // first let the task start: ProcessHandle's set-up costs start-up time
                ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
                while (parent != null && parent.isAlive()) {
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }
    }
}

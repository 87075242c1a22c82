package org.jcn.kernel;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, as ipykernel does: the Jupyter server or a
 * {@code jupyter_client} script killed with SIGKILL would otherwise leave the kernel, its child JVMs and the
 * ports it opened behind. Watches {@code JPY_PARENT_PID} when Jupyter sets it, and the kernel's own parent (a
 * kernel whose parent dies is handed to another process).
 */
final class ParentWatch {

    private static final long EVERY_MILLIS = 500;

    private ParentWatch() {
    }

    /**
     * Starts watching.
     *
     * @param parent the kernel's parent process as the kernel's {@code main} began, or -1 if it had none
     */
    static void start(long parent, Runnable whenGone) {
        long named = pidNamedByJupyter();
        Optional<ProcessHandle> jupyter = named > 1 ? ProcessHandle.of(named) : Optional.empty();
        // A launcher killed while the kernel started is gone before the watch begins: its process id names no
        // process, and the kernel has been handed to another parent already.
        if (named > 1 && jupyter.isEmpty() || gone(parent)) {
            Log.info("the process that started the kernel (JPY_PARENT_PID " + named + ", parent " + parent
                    + ") was gone before the kernel was ready: shutting down");
            whenGone.run();
            return;
        }
        Thread.ofPlatform().name("jcn-parent-watch").daemon().start(() -> {
            while (true) {
                try {
                    Thread.sleep(EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (jupyter.map(p -> !p.isAlive()).orElse(false) || gone(parent)) {
                    Log.info("the process that started the kernel is gone (parent " + parent + ", now "
                            + currentParent() + "): shutting down");
                    whenGone.run();
                    return;
                }
            }
        });
    }

    static long currentParent() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    private static boolean gone(long parent) {
        return parent > 1 && currentParent() != parent;
    }

    /** The process id in {@code JPY_PARENT_PID}, or -1 when it is not set or not a number. */
    private static long pidNamedByJupyter() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(pid.strip());
        } catch (NumberFormatException e) {
            Log.info("JPY_PARENT_PID is not a process id: " + pid);
            return -1;
        }
    }
}

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

    static void start(Runnable whenGone) {
        Optional<ProcessHandle> jupyter = parentNamedByJupyter();
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread.ofPlatform().name("jcn-parent-watch").daemon().start(() -> {
            while (true) {
                try {
                    Thread.sleep(EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                boolean jupyterGone = jupyter.map(p -> !p.isAlive()).orElse(false);
                long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (jupyterGone || (parent > 1 && now != parent)) {
                    Log.info("the process that started the kernel is gone (parent " + parent + ", now " + now
                            + "): shutting down");
                    whenGone.run();
                    return;
                }
            }
        });
    }

    private static Optional<ProcessHandle> parentNamedByJupyter() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(pid.strip());
            return value > 1 ? ProcessHandle.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            Log.info("JPY_PARENT_PID is not a process id: " + pid);
            return Optional.empty();
        }
    }
}

package org.jcn.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ends the kernel when the process that started it is gone, as ipykernel does: the Jupyter server or a
 * {@code jupyter_client} script killed with SIGKILL would otherwise leave the kernel, its child JVMs and the
 * ports it opened behind. Watches {@code JPY_PARENT_PID} when Jupyter sets it, and the kernel's own parent (a
 * kernel whose parent dies is handed to another process).
 *
 * <p>That watch is a Java thread: a JVM that gets no CPU time (stopped, or busy in back-to-back full collections)
 * does not run it. So on Unix a small shell process, started detached (it is no child of the kernel), watches the
 * same parent once a second and, {@value #GUARD_GRACE_SECONDS} s after the parent is gone, kills the kernel with
 * SIGKILL if it still runs; it ends as soon as the kernel does. Why not {@code prctl(PR_SET_PDEATHSIG)}: Linux
 * sends that signal when the <em>thread</em> that started the kernel ends, not its process, and at once, so the
 * kernel could not stop the processes its cells started first.
 */
final class ParentWatch {

    private static final long EVERY_MILLIS = 500;
    static final int GUARD_GRACE_SECONDS = 5;
    // $1 the kernel, $2 the parent, $3 the grace. Detached (in a subshell the first shell leaves behind), deaf to
    // the interrupts a terminal or Jupyter sends the kernel's process group.
    private static final String GUARD = "( trap '' INT HUP; "
            + "alive() { [ -d \"/proc/$1\" ] || kill -0 \"$1\" 2>/dev/null; }; " // /proc: a parent of another user
            + "while alive \"$1\" && alive \"$2\"; do sleep 1; done; "
            + "if alive \"$1\"; then sleep \"$3\"; kill -9 \"$1\" 2>/dev/null; fi "
            + ") </dev/null >/dev/null 2>&1 &";

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
        startGuard(named > 1 ? named : parent);
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

    /** Starts the shell process that kills the kernel when {@code parent} is gone (see the class comment). */
    private static void startGuard(long parent) {
        if (parent <= 1 || !Files.isExecutable(Path.of("/bin/sh"))) {
            return;
        }
        long kernel = ProcessHandle.current().pid();
        try {
            Process shell = new ProcessBuilder("/bin/sh", "-c", GUARD, "jcn-guard", Long.toString(kernel),
                    Long.toString(parent), Integer.toString(GUARD_GRACE_SECONDS))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            shell.getOutputStream().close();
            if (!shell.waitFor(5, TimeUnit.SECONDS)) {
                shell.destroyForcibly();
            }
        } catch (IOException e) {
            Log.info("the parent guard process could not start: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

package org.jcn.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcn.internal.cell.CellWork;
import org.jcn.processes.ChildProcessException;

/**
 * The parent's side of one child JVM: starts it, runs the control channel (see {@link Frames}) on a daemon
 * thread that serves class files, copies the child's prints and completes results, and destroys the child.
 * Tasks run one at a time in the order submitted. Every child is tracked by {@link CellWork} and destroyed by a
 * shutdown hook if still alive when the parent exits. Thread safe.
 *
 * <p>Longer than most classes here on purpose: starting the child, writing tasks, reading its answers and
 * ending it all share one lock, the map of pending tasks and the child's stderr; split apart, those would have to
 * be shared across classes.
 */
public final class ChildJvm {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger TASK_IDS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "jcn-child-jvm-reaper"));
    }

    /** A task sent and not yet answered: where its value's classes resolve, and its future. */
    private record Pending(ClassLoader loader, CompletableFuture<Object> result) {
    }

    private final Process process;
    private final OutputPump stderr;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final DataOutputStream channel; // guarded by this
    private boolean exitRequested;          // guarded by this
    private int heldFunctionId;             // guarded by this: the function the child holds (0: none yet)
    private ChildProcessException death;    // guarded by this
    private volatile String destroyedBecause;
    private volatile ChildLimit.Permit permit;   // its place under the cap, given back when it has exited
    private final StringBuilder startupText = new StringBuilder();

    /** A pool's worker (runs tasks until closed) rather than a one-task child. */
    private final boolean reusable;

    private ChildJvm(Process process, boolean reusable) {
        this.process = process;
        this.reusable = reusable;
        this.channel = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 65536));
        long pid = process.pid();
        this.stderr = new OutputPump(process.getErrorStream(), () -> System.err);
        daemon(stderr, "jcn-child-" + pid + "-stderr");
        daemon(this::readLoop, "jcn-child-" + pid + "-channel");
    }

    /**
     * Starts a child JVM; the caller goes on while it starts.
     *
     * @param once     whether the child runs one task and exits, or runs tasks until closed
     * @param recordTo null, or the AOT configuration file this child records its training run to ({@link Warmup})
     * @throws ChildProcessException if the java binary is missing or the process can't be started
     */
    static ChildJvm launch(boolean once, Path recordTo) {
        return launch(once, recordTo, ChildLimit.take(1, "a child JVM")[0]);
    }

    /**
     * Starts a child JVM in a place already taken under {@link ChildLimit}; the place is given back when the
     * process has exited, or at once if it does not start.
     */
    static ChildJvm launch(boolean once, Path recordTo, ChildLimit.Permit permit) {
        try {
            ChildJvm child = start(once, recordTo);
            child.permit = permit;
            child.process.onExit().thenRun(permit::release);
            return child;
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    private static ChildJvm start(boolean once, Path recordTo) {
        Path java = JvmCommand.java();
        if (!Files.isExecutable(java)) {
            throw new ChildProcessException("can't start a child JVM: no java binary at " + java
                    + (System.getProperty(JvmCommand.JAVA_PROPERTY) != null
                    ? " (set by the system property " + JvmCommand.JAVA_PROPERTY + ")" : ""), null);
        }
        JvmCommand.Command command = JvmCommand.of(java, once, recordTo);
        Process process;
        try {
            process = new ProcessBuilder(command.arguments()).start();
        } catch (IOException | OutOfMemoryError e) {
            throw cantStart(java, e);
        }
        LIVE.add(process);
        process.onExit().thenAccept(p -> {
            LIVE.remove(p);
            JvmCommand.finishTraining(command, p.exitValue());
        });
        ChildJvm child;
        try {
            child = new ChildJvm(process, !once);
        } catch (OutOfMemoryError e) {
            process.destroyForcibly();
            throw cantStart(java, e);
        }
        CellWork.track(child.handle());
        return child;
    }

    /**
     * The error for a start the system refused, naming the likely cause: a fork refused (the JDK's words for it can
     * be misleading) or no thread for the new process here, which is the same process limit met in this JVM.
     */
    private static ChildProcessException cantStart(Path java, Throwable e) {
        String jdk = String.valueOf(e.getMessage());
        if (e instanceof OutOfMemoryError oom) {
            if (!jdk.contains("native thread")) {
                throw oom;
            }
            jdk = "error: 11 " + jdk;
        }
        String cause = StartFailure.explain(jdk);
        return new ChildProcessException("can't start a child JVM" + (cause.isEmpty() ? "" : ": " + cause)
                + " (" + ChildLimit.running() + " child JVMs of this kernel are running; the JDK said, starting "
                + java + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip() + ")", e);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends a task (see {@link ChildTasks}). The future completes with the task's value, or with a
     * {@link ChildProcessException} whose cause is what the task threw, or which carries the exit code and stderr of
     * a child that died.
     *
     * @param functionId the function's number: the function goes to the child only if it holds another one
     * @param argument   the encoded argument, or null for a task without one
     */
    CompletableFuture<Object> submit(Loaders.Choice loader, int functionId, byte[] function, byte[] argument) {
        int taskId = TASK_IDS.incrementAndGet();
        TaskFrame frame = new TaskFrame(taskId, Loaders.id(loader.loader()), functionId, loader.remotePackages(),
                function, argument);
        CompletableFuture<Object> result = new CompletableFuture<>();
        synchronized (this) {
            if (death != null || exitRequested) {
                result.completeExceptionally(death != null ? death
                        : new ChildProcessException("child JVM pid " + pid() + " is closing", null));
                return result;
            }
            pending.put(taskId, new Pending(loader.loader(), result));
            // The child reads frames in the order they are written, so it holds the function of the last one.
            if (functionId == heldFunctionId) {
                frame = frame.reusingFunction();
            }
            heldFunctionId = functionId;
            // A write blocks only when the child's stdin pipe is full: it reads a task while idle or while it
            // waits for a class (tasks are then kept for later), so that lasts until its current task ends.
            try {
                frame.write(channel);
                channel.flush();
            } catch (IOException e) {
                // the child is gone: the read loop sees its stdout end and fails every pending task
            }
        }
        return result;
    }

    private void readLoop() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 65536))) {
            if (!hello(in)) {
                return;
            }
            while (true) {
                byte type = in.readByte();
                switch (type) {
                    case Frames.OUT -> {
                        byte[] text = Frames.readBytes(in);
                        System.out.print(new String(text, StandardCharsets.UTF_8));
                        System.out.flush();
                    }
                    case Frames.LOAD -> serveClass(Loaders.classBytes(in.readInt(), in.readUTF()));
                    case Frames.RESULT, Frames.FAILURE -> complete(type == Frames.RESULT, in.readInt(),
                            in.readInt(), Frames.readBytes(in));
                    default -> throw new IOException("unexpected frame " + type);
                }
            }
        } catch (IOException e) {
            // end of the child's stdout: it has exited, or is about to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // told to stop: died() reports without waiting for the child
        } finally {
            died();
        }
    }

    /** Reads the child's greeting; whatever comes instead (a JVM that failed to start says why) is error text. */
    private boolean hello(DataInputStream in) throws IOException {
        in.mark(4);
        byte[] first = in.readNBytes(4);
        if (first.length == 4 && ((first[0] & 0xFF) << 24 | (first[1] & 0xFF) << 16 | (first[2] & 0xFF) << 8
                | (first[3] & 0xFF)) == Frames.HELLO) {
            return true;
        }
        in.reset();
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        synchronized (startupText) {
            startupText.append(text);
        }
        return false;
    }

    private synchronized void serveClass(byte[] bytes) throws IOException {
        channel.writeByte(Frames.CLASS);
        Frames.writeBytes(channel, bytes);
        channel.flush();
    }

    private void complete(boolean ok, int taskId, int stderrMarker, byte[] bytes) throws InterruptedException {
        Pending task = pending.remove(taskId);
        if (stderrMarker > 0) {
            stderr.awaitMarker(stderrMarker); // what the task printed reaches the caller before its result
        }
        if (task == null) {
            return;
        }
        Object value;
        try {
            value = Codec.decode(bytes, task.loader());
        } catch (IOException | ReflectiveOperationException e) {
            task.result().completeExceptionally(new ChildProcessException(
                    "can't read what child JVM pid " + pid() + " sent back: " + e, e));
            return;
        }
        if (ok) {
            task.result().complete(value);
        } else {
            Throwable thrown = CellVariables.explained((Throwable) value);
            task.result().completeExceptionally(new ChildProcessException(
                    "the task failed in child JVM pid " + pid() + ": " + thrown, thrown));
        }
    }

    private void died() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            stderr.awaitEnd(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String errors;
        synchronized (startupText) {
            errors = (startupText + "\n" + stderr.tail()).strip();
        }
        ChildProcessException failure;
        if (process.isAlive()) {
            failure = new ChildProcessException("lost the channel to child JVM pid " + pid(), null);
        } else {
            int code = process.exitValue();
            String why = destroyedBecause != null ? "was destroyed (" + destroyedBecause + ")"
                    : "exited with code " + code + " before it returned a result";
            failure = new ChildProcessException("child JVM pid " + pid() + " " + why
                    + (errors.isEmpty() ? "" : "; its stderr ends with:\n" + errors), OptionalInt.of(code), errors);
        }
        synchronized (this) {
            death = failure;
        }
        pending.values().forEach(task -> task.result().completeExceptionally(failure));
        pending.clear();
    }

    /** Waits until the child has exited and all its output has been copied. */
    public boolean awaitExit(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        if (permit != null) {
            permit.release();   // now, not only when onExit's callbacks get to it
        }
        return stderr.awaitEnd(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }

    /** Asks a worker to exit once its queued tasks are done: its stdin ends. Does not wait. */
    public synchronized void requestExit() {
        if (!exitRequested) {
            exitRequested = true;
            try {
                channel.close();
            } catch (IOException e) {
                // close(long) destroys it
            }
        }
    }

    /** Asks a worker to exit, then destroys it if it has not within the grace time; returns when it is gone. */
    public void close(long graceMillis) {
        requestExit();
        try {
            if (!awaitExit(graceMillis)) {
                destroy("closed");
            }
        } catch (InterruptedException e) {
            destroy("closed");
            Thread.currentThread().interrupt();
        }
    }

    /** Destroys the child (and anything it started) and waits, briefly, until it is gone. */
    public void destroy(String reason) {
        if (destroyedBecause == null) {
            destroyedBecause = reason;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            if (permit != null) {
                permit.release();   // at once, not only when onExit's callbacks run: a replacement may need it
            }
            stderr.awaitEnd(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // still going after SIGKILL: nothing more a parent can do
        }
    }

    private CellWork.Handle handle() {
        return new CellWork.Handle() {
            @Override
            public boolean isDone() {
                // An idle pool worker is an open resource, like a server, not running work: the cell that made
                // the pool need not wait for it. Closing the pool, or the kernel's exit, stops it.
                return !process.isAlive() || (reusable && pending.isEmpty());
            }

            @Override
            public void cancel() {
                destroyedBecause = "cancelled";
                process.destroyForcibly();
            }

            @Override
            public String description() {
                return "child JVM pid " + process.pid();
            }
        };
    }

    private static void daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}

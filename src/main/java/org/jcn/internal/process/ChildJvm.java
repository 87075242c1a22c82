package org.jcn.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
 * The parent's side of one child JVM: starts it, runs the control channel on a daemon thread (hand-shake, class
 * files on request, results), copies its output, and destroys it. Tasks run one at a time in the order
 * submitted. Every child is tracked by {@link CellWork} and destroyed by a shutdown hook if still alive when the
 * parent exits. Thread safe.
 */
public final class ChildJvm {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "jcn-child-jvm-reaper"));
    }

    private record Task(int id, int loaderId, ClassLoader loader, String remotePackages, int functionId,
                        byte[] function, byte[] argument, CompletableFuture<Object> result) {
    }

    private final Process process;
    private final ServerSocket server;
    private final String token;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final Map<Integer, Task> pending = new ConcurrentHashMap<>();
    private final List<Task> queued = new ArrayList<>(); // guarded by this, until connected
    private DataOutputStream channel; // guarded by this
    private Socket socket;            // guarded by this
    private ChildProcessException death; // guarded by this
    private volatile String destroyedBecause;

    private ChildJvm(Process process, ServerSocket server, String token) {
        this.process = process;
        this.server = server;
        this.token = token;
        long pid = process.pid();
        this.stdout = new OutputPump(process.getInputStream(), () -> System.out);
        this.stderr = new OutputPump(process.getErrorStream(), () -> System.err);
        daemon(stdout, "jcn-child-" + pid + "-stdout");
        daemon(stderr, "jcn-child-" + pid + "-stderr");
        daemon(this::readLoop, "jcn-child-" + pid + "-channel");
    }

    /**
     * Starts a child JVM; it connects back on its own while the caller goes on.
     *
     * @param once whether the child runs one task and exits, or runs tasks until closed
     * @throws ChildProcessException if the java binary is missing or the process can't be started
     */
    public static ChildJvm launch(boolean once) {
        Path java = JvmCommand.java();
        if (!Files.isExecutable(java)) {
            throw new ChildProcessException("can't start a child JVM: no java binary at " + java
                    + (System.getProperty(JvmCommand.JAVA_PROPERTY) != null
                    ? " (set by the system property " + JvmCommand.JAVA_PROPERTY + ")" : ""), null);
        }
        ServerSocket server = null;
        try {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            String token = HexFormat.of().formatHex(randomBytes());
            JvmCommand.Command command = JvmCommand.of(java, server.getLocalPort(), token, once);
            Process process = new ProcessBuilder(command.arguments()).start();
            LIVE.add(process);
            process.onExit().thenAccept(p -> {
                LIVE.remove(p);
                JvmCommand.finishTraining(command, p.exitValue());
            });
            ChildJvm child = new ChildJvm(process, server, token);
            CellWork.track(child.handle());
            return child;
        } catch (IOException e) {
            closeQuietly(server);
            throw new ChildProcessException("can't start a child JVM with " + java + ": " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A fresh number for a function shipped to children; a child reuses its copy for tasks with this number. */
    public static int newFunctionId() {
        return IDS.incrementAndGet();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends a task. The future completes with the task's value, or with a {@link ChildProcessException} whose
     * cause is what the task threw, or which carries the exit code and stderr of a child that died.
     *
     * @param function the serialized function; empty to reuse the child's copy of {@code functionId}
     * @param argument the serialized argument, or null for a task without one
     */
    public CompletableFuture<Object> submit(Loaders.Choice loader, int functionId, byte[] function,
                                            byte[] argument) {
        Task task = new Task(IDS.incrementAndGet(), Loaders.id(loader.loader()), loader.loader(),
                loader.remotePackages(), functionId, function, argument, new CompletableFuture<>());
        synchronized (this) {
            if (death != null) {
                task.result().completeExceptionally(death);
                return task.result();
            }
            pending.put(task.id(), task);
            if (channel == null) {
                queued.add(task);
            } else {
                send(task);
            }
        }
        return task.result();
    }

    private void send(Task task) { // holds this
        try {
            channel.writeByte(Frames.TASK);
            channel.writeInt(task.id());
            channel.writeInt(task.loaderId());
            channel.writeInt(task.functionId());
            channel.writeUTF(task.remotePackages());
            Frames.writeBytes(channel, task.function());
            Frames.writeBytes(channel, task.argument());
            channel.flush();
        } catch (IOException e) {
            // the channel is broken: the read loop sees it too and fails every pending task
        }
    }

    private void readLoop() {
        try {
            Socket connection = accept();
            DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream()));
            if (in.readByte() != Frames.HELLO || !token.equals(in.readUTF())) {
                throw new IOException("a stranger connected");
            }
            synchronized (this) {
                socket = connection;
                channel = new DataOutputStream(new BufferedOutputStream(connection.getOutputStream()));
                queued.forEach(this::send);
                queued.clear();
            }
            while (true) {
                byte type = in.readByte();
                switch (type) {
                    case Frames.LOAD -> serveClass(Loaders.classBytes(in.readInt(), in.readUTF()));
                    case Frames.RESULT, Frames.FAILURE -> complete(type == Frames.RESULT, in.readInt(),
                            in.readInt(), in.readByte(), Frames.readBytes(in));
                    default -> throw new IOException("unexpected frame " + type);
                }
            }
        } catch (IOException | InterruptedException e) {
            died();
        }
    }

    private Socket accept() throws IOException {
        try (server) {
            server.setSoTimeout(200);
            while (true) {
                try {
                    Socket connection = server.accept();
                    connection.setTcpNoDelay(true);
                    return connection;
                } catch (SocketTimeoutException e) {
                    if (!process.isAlive()) {
                        throw new EOFException("the child exited before it connected");
                    }
                }
            }
        }
    }

    private synchronized void serveClass(byte[] bytes) throws IOException {
        channel.writeByte(Frames.CLASS);
        Frames.writeBytes(channel, bytes);
        channel.flush();
    }

    private void complete(boolean ok, int taskId, int outputSeq, int streams, byte[] bytes)
            throws InterruptedException {
        Task task = pending.remove(taskId);
        // Everything the task printed reaches the caller before its result does.
        if ((streams & 1) != 0) {
            stdout.awaitMarker(outputSeq);
        }
        if ((streams & 2) != 0) {
            stderr.awaitMarker(outputSeq);
        }
        if (task == null) {
            return;
        }
        Object value;
        try {
            value = LoaderObjectInputStream.read(bytes, task.loader());
        } catch (IOException | ClassNotFoundException e) {
            task.result().completeExceptionally(new ChildProcessException(
                    "can't read what child JVM pid " + pid() + " sent back: " + e, e));
            return;
        }
        if (ok) {
            task.result().complete(value);
        } else {
            Throwable thrown = (Throwable) value;
            task.result().completeExceptionally(new ChildProcessException(
                    "the task failed in child JVM pid " + pid() + ": " + thrown, thrown));
        }
    }

    private void died() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            stderr.awaitEnd(2_000);
            stdout.awaitEnd(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String errors = stderr.tail();
        ChildProcessException failure;
        if (process.isAlive()) {
            failure = new ChildProcessException("lost the connection to child JVM pid " + pid(), null);
        } else {
            int code = process.exitValue();
            String why = destroyedBecause != null ? "was destroyed (" + destroyedBecause + ")"
                    : "exited with code " + code + " before it returned a result";
            failure = new ChildProcessException("child JVM pid " + pid() + " " + why
                    + (errors.isEmpty() ? "" : "; its stderr ends with:\n" + errors), OptionalInt.of(code), errors);
        }
        synchronized (this) {
            death = failure;
            closeQuietly(socket);
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
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        return stdout.awaitEnd(left) && stderr.awaitEnd(left);
    }

    /** Asks a worker to exit once its current task is done: it sees the channel close. Does not wait. */
    public synchronized void requestExit() {
        if (socket != null) {
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                // close() destroys it
            }
        } else {
            destroyedBecause = "closed before it connected";
            process.destroyForcibly();
        }
    }

    /** Asks a worker to exit, then destroys it if it has not within the grace time; returns when it is gone. */
    public void close(long graceMillis) {
        requestExit();
        boolean interrupted = false;
        try {
            if (!awaitExit(graceMillis)) {
                destroy("closed");
            }
        } catch (InterruptedException e) {
            interrupted = true;
            destroy("closed");
        }
        if (interrupted) {
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
        closeQuietly(server);
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            stdout.awaitEnd(1_000);
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
                return !process.isAlive();
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

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }
}

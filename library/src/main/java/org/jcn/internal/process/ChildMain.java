package org.jcn.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of a child JVM. Kept tiny for start-up speed: it touches only JDK classes and this package
 * (no lambdas, no string concatenation, which would bootstrap invokedynamic machinery before any task needs it).
 * The classes on that path say so at the top; ChildStartupPathTest runs a real child and fails if the path
 * bootstraps either, and says why the rule still matters.
 *
 * Arguments: mode parentPid libraryJars, where mode is "once" (run one task, then exit) or "worker" (run tasks
 * until the parent closes the channel); libraryJars (path separated) are the rest of the parent's class path,
 * opened on demand by the loader of the tasks' classes. The control channel is the child's stdin (frames from
 * the parent) and stdout (frames to the parent, user prints among them, see Frames). The child exits when the
 * parent goes away, even if the parent was killed: an idle worker sees its stdin end, and a daemon thread halts
 * the JVM once the parent process is no longer alive.
 *
 * <p>Longer than the house's ~150 lines: the child's whole life (hand-shake, task loop, watchers) in one place a
 * reader can follow; its helpers are Outcomes, TrackedStream and ChildWatchers.
 */
public final class ChildMain {

    private final DataInputStream in;
    private final DataOutputStream out;
    /** Guards writes to the parent, and a class request with its answer. */
    private final Object channelLock = new Object();
    private final ArrayDeque<TaskFrame> bufferedTasks = new ArrayDeque<>();
    private final Map<Integer, RemoteClassLoader> loaders = new HashMap<>();
    private final String libraryJars;
    private ClassLoader libraries;
    private final TrackedStream stderr;
    private int outputSeq;
    private int cachedFunctionId = -1;
    private Object cachedFunction;

    private ChildMain(TrackedStream stderr, String libraryJars) {
        this.libraryJars = libraryJars;
        this.in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 65536));
        this.out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 65536));
        this.stderr = stderr;
    }

    public static void main(String[] args) throws Exception {
        TrackedStream stderr = new TrackedStream(new FileOutputStream(FileDescriptor.err));
        ChildMain child = new ChildMain(stderr, args.length > 2 ? args[2] : "");
        System.setOut(new PrintStream(child.new FramedStdout(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Thread watcher = new Thread(new ChildWatchers.Parent(Long.parseLong(args[1])), "jcn-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();

        boolean once = "once".equals(args[0]);
        synchronized (child.channelLock) {
            child.out.writeInt(Frames.HELLO);
            child.out.flush();
        }
        try {
            do {
                child.runTask(child.nextTask());
            } while (!once);
        } catch (EOFException parentClosedTheChannel) {
            // normal end of a worker
        }
        System.out.flush();
        System.err.flush();
        // Ends by returning, not System.exit: Runtime.exit first sets up the JDK's logging to log the call, some
        // 10 ms of a child's start-up budget. A normal end waits for non-daemon threads a task left running, so
        // the reaper exits the JVM if they outlive a short grace period, as System.exit would have at once.
        Thread reaper = new Thread(new ChildWatchers.Reaper(), "jcn-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** The next task: one read ahead while waiting for a class, or the next frame from the parent. */
    private TaskFrame nextTask() throws IOException {
        TaskFrame buffered;
        synchronized (channelLock) {
            buffered = bufferedTasks.poll();
        }
        if (buffered != null) {
            return buffered;
        }
        // Not under the lock: a worker waits here for its next task (a class request by a thread the last task
        // left running would have to wait for that task).
        byte type = in.readByte();
        if (type != Frames.TASK) {
            throw new IOException("unexpected frame ".concat(String.valueOf(type)));
        }
        return TaskFrame.read(in);
    }

    private void runTask(TaskFrame task) throws IOException {
        RemoteClassLoader loader = loaderFor(task.loaderId());
        loader.addRemotePackages(task.remotePackages());
        Thread.currentThread().setContextClassLoader(loader);
        Object value;
        boolean ok;
        try {
            Object function = function(task, loader);
            Object argument = task.argument() == null ? null : Codec.decode(task.argument(), loader);
            value = Outcomes.invoke(function, argument);
            ok = true;
        } catch (Throwable t) {
            value = t;
            ok = false;
        }
        System.out.flush();
        System.err.flush();
        byte[] reply;
        if (ok) {
            try {
                reply = Codec.encode(value);
            } catch (IOException e) {
                ok = false;
                reply = Outcomes.encodeFailure(Outcomes.unsendable(value, e));
            }
        } else {
            reply = Outcomes.encodeFailure((Throwable) value);
        }
        boolean printed = writeStderrMarker();
        synchronized (channelLock) {
            out.writeByte(ok ? Frames.RESULT : Frames.FAILURE);
            out.writeInt(task.taskId());
            out.writeInt(printed ? outputSeq : 0);
            Frames.writeBytes(out, reply);
            out.flush();
        }
    }

    /** The task's function: the one held from an earlier task of the same number, or decoded from the frame. */
    private Object function(TaskFrame task, ClassLoader loader) throws IOException, ReflectiveOperationException {
        if (task.reusesFunction()) {
            if (task.functionId() != cachedFunctionId) {
                throw new IllegalStateException("the child does not hold function ".concat(
                        String.valueOf(task.functionId())));
            }
            return cachedFunction;
        }
        cachedFunctionId = -1; // until the new one has decoded
        cachedFunction = Codec.decode(task.function(), loader);
        cachedFunctionId = task.functionId();
        return cachedFunction;
    }

    private RemoteClassLoader loaderFor(int loaderId) {
        RemoteClassLoader loader = loaders.get(loaderId);
        if (loader == null) {
            if (libraries == null) {
                libraries = RemoteClassLoader.libraries(libraryJars);
            }
            loader = new RemoteClassLoader(this, loaderId, libraries);
            loaders.put(loaderId, loader);
        }
        return loader;
    }

    /**
     * Asks the parent for a class file. Task frames that arrive first (a pool may queue the next task early) are
     * kept for later.
     */
    byte[] requestClass(int loaderId, String name) throws IOException {
        synchronized (channelLock) {
            out.writeByte(Frames.LOAD);
            out.writeInt(loaderId);
            out.writeUTF(name);
            out.flush();
            while (true) {
                byte type = in.readByte();
                if (type == Frames.CLASS) {
                    return Frames.readBytes(in);
                } else if (type == Frames.TASK) {
                    bufferedTasks.add(TaskFrame.read(in));
                } else {
                    throw new IOException("unexpected frame ".concat(String.valueOf(type)));
                }
            }
        }
    }

    /** Writes a marker line to stderr if the task wrote to it, so the parent can wait until it has all arrived. */
    private boolean writeStderrMarker() throws IOException {
        if (!stderr.written) {
            return false;
        }
        outputSeq++;
        stderr.writeMarker(new StringBuilder().append(Frames.MARK_PREFIX).append(outputSeq).append('\n')
                .toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** The child's System.out: each write becomes an OUT frame, so prints never mix with results. */
    private final class FramedStdout extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (channelLock) {
                out.writeByte(Frames.OUT);
                out.writeInt(len);
                out.write(b, off, len);
                out.flush();
            }
        }
    }

}

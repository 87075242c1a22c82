package org.jcn.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jcn.processes.SerializableFunction;
import org.jcn.processes.SerializableRunnable;

/**
 * The main class of a child JVM. Kept tiny for start-up speed: it touches only JDK classes and this package
 * (no lambdas, no string concatenation, which would bootstrap invokedynamic machinery before any task needs it).
 *
 * Arguments: port token mode parentPid libraryJars, where mode is "once" (run one task, then exit) or "worker" (run tasks
 * until the parent closes the channel). The child exits when the parent goes away, even if the parent was
 * killed: an idle worker sees its channel close, and a daemon thread halts the JVM once the parent process is
 * no longer alive. libraryJars (path separated) are the rest of the parent's class path, opened on demand by
 * the loader of the tasks' classes.
 */
public final class ChildMain {

    private final DataInputStream in;
    private final DataOutputStream out;
    private final Object channelLock = new Object();
    private final Map<Integer, RemoteClassLoader> loaders = new HashMap<>();
    private final String libraryJars;
    private ClassLoader libraries;
    private final TrackedStream stdout;
    private final TrackedStream stderr;
    private int outputSeq;
    private int cachedFunctionId = -1;
    private Object cachedFunction;

    private ChildMain(Socket socket, TrackedStream stdout, TrackedStream stderr, String libraryJars)
            throws IOException {
        this.libraryJars = libraryJars;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) throws Exception {
        TrackedStream stdout = new TrackedStream(new FileOutputStream(FileDescriptor.out));
        TrackedStream stderr = new TrackedStream(new FileOutputStream(FileDescriptor.err));
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Thread watcher = new Thread(new ParentWatcher(Long.parseLong(args[3])), "jcn-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();

        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        ChildMain child = new ChildMain(socket, stdout, stderr, args.length > 4 ? args[4] : "");
        boolean once = "once".equals(args[2]);
        synchronized (child.channelLock) {
            child.out.writeByte(Frames.HELLO);
            child.out.writeUTF(args[1]);
            child.out.flush();
        }
        try {
            do {
                byte type = child.in.readByte();
                if (type != Frames.TASK) {
                    throw new IOException("unexpected frame ".concat(String.valueOf(type)));
                }
                child.runTask();
            } while (!once);
        } catch (EOFException parentClosedTheChannel) {
            // normal end of a worker
        }
        System.out.flush();
        System.err.flush();
        System.exit(0);
    }

    private void runTask() throws IOException {
        int taskId = in.readInt();
        int loaderId = in.readInt();
        int functionId = in.readInt();
        String remotePackages = in.readUTF();
        byte[] functionBytes = Frames.readBytes(in);
        byte[] argumentBytes = Frames.readBytes(in);
        RemoteClassLoader loader = loaderFor(loaderId);
        loader.addRemotePackages(remotePackages);
        Thread.currentThread().setContextClassLoader(loader);
        Object value;
        boolean ok;
        try {
            Object function;
            if (functionBytes.length == 0 && functionId == cachedFunctionId) {
                function = cachedFunction;
            } else {
                function = LoaderObjectInputStream.read(functionBytes, loader);
                cachedFunctionId = functionId;
                cachedFunction = function;
            }
            Object argument = argumentBytes == null ? null : LoaderObjectInputStream.read(argumentBytes, loader);
            value = invoke(function, argument);
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
                reply = serialize(value);
            } catch (IOException e) {
                ok = false;
                NotSerializableException problem = new NotSerializableException(new StringBuilder()
                        .append("the result, a ").append(value.getClass().getName())
                        .append(", can't be sent back to the parent JVM: ").append(e).toString());
                reply = serializeFailure(problem);
            }
        } else {
            reply = serializeFailure((Throwable) value);
        }
        int streams = writeOutputMarkers();
        synchronized (channelLock) {
            out.writeByte(ok ? Frames.RESULT : Frames.FAILURE);
            out.writeInt(taskId);
            out.writeInt(outputSeq);
            out.writeByte(streams);
            Frames.writeBytes(out, reply);
            out.flush();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object invoke(Object function, Object argument) throws Exception {
        if (function instanceof SerializableFunction f) {
            return f.apply(argument);
        } else if (function instanceof Callable c) {
            return c.call();
        } else if (function instanceof SerializableRunnable r) {
            r.run();
            return null;
        }
        throw new IllegalArgumentException("not a task: ".concat(String.valueOf(function)));
    }

    private RemoteClassLoader loaderFor(int loaderId) {
        RemoteClassLoader loader = loaders.get(loaderId);
        if (loader == null) {
            if (libraries == null) {
                libraries = libraryLoader(libraryJars);
            }
            loader = new RemoteClassLoader(this, loaderId, libraries);
            loaders.put(loaderId, loader);
        }
        return loader;
    }

    private static ClassLoader libraryLoader(String jars) {
        if (jars.isEmpty()) {
            return ChildMain.class.getClassLoader();
        }
        String[] paths = jars.split(File.pathSeparator);
        URL[] urls = new URL[paths.length];
        for (int i = 0; i < paths.length; i++) {
            try {
                urls[i] = new File(paths[i]).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(paths[i], e);
            }
        }
        return new URLClassLoader("jcn-libraries", urls, ChildMain.class.getClassLoader());
    }

    /** Asks the parent for a class file. Only one task runs at a time, so the next frame is the answer. */
    byte[] requestClass(int loaderId, String name) throws IOException {
        synchronized (channelLock) {
            out.writeByte(Frames.LOAD);
            out.writeInt(loaderId);
            out.writeUTF(name);
            out.flush();
            byte type = in.readByte();
            if (type != Frames.CLASS) {
                throw new IOException("unexpected frame ".concat(String.valueOf(type)));
            }
            return Frames.readBytes(in);
        }
    }

    private int writeOutputMarkers() throws IOException {
        int streams = (stdout.written ? 1 : 0) | (stderr.written ? 2 : 0);
        if (streams != 0) {
            outputSeq++;
            byte[] marker = new StringBuilder().append(Frames.MARK_PREFIX).append(outputSeq).append('\n')
                    .toString().getBytes(StandardCharsets.UTF_8);
            if ((streams & 1) != 0) {
                stdout.writeMarker(marker);
            }
            if ((streams & 2) != 0) {
                stderr.writeMarker(marker);
            }
        }
        return streams;
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static byte[] serializeFailure(Throwable failure) throws IOException {
        try {
            return serialize(failure);
        } catch (IOException e) {
            // The exception holds something that can't be serialized: keep its class, message and stack trace.
            RuntimeException copy = new RuntimeException(new StringBuilder().append(failure.getClass().getName())
                    .append(": ").append(failure.getMessage()).toString());
            copy.setStackTrace(failure.getStackTrace());
            return serialize(copy);
        }
    }

    /** The child's stdout or stderr: remembers whether user code wrote to it since the last marker. */
    private static final class TrackedStream extends OutputStream {
        private final OutputStream target;
        volatile boolean written;

        TrackedStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            written = true;
            target.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            written = true;
            target.write(b, off, len);
        }

        synchronized void writeMarker(byte[] marker) throws IOException {
            target.write(marker);
            written = false;
        }
    }

    /**
     * Halts the child when the parent JVM is gone, even if it was killed. Polls with sleeps rather than blocking
     * on a pipe: a thread blocked in a native read would delay every normal exit of the JVM by some 300 ms.
     */
    private static final class ParentWatcher implements Runnable {
        private final long parentPid;

        ParentWatcher(long parentPid) {
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

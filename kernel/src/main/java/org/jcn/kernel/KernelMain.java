package org.jcn.kernel;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.dflib.jjava.jupyter.channels.HeartbeatChannel;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * Starts the project's Jupyter kernel: {@code java ... org.jcn.kernel.KernelMain CONNECTION_FILE}, as the
 * kernelspec that {@code kernel/install} writes does.
 *
 * <p>System properties (set in the kernelspec): {@code jcn.cell.classpath}, the jars cells compile against and
 * child JVMs start with, the library's (default: the JVM's class path; see {@link #cellsSeeTheLibraryAlone});
 * {@code jcn.startup}, a JShell script run before the first cell (the
 * library's imports, {@code kernel/init.jshell}); {@code jcn.cell.index}, the listing of the kernel's jars that
 * {@code kernel/install} writes ({@link JarIndex}); {@code jcn.preview=true}, to let cells use the running JDK's
 * preview features (the JVM must then run with {@code --enable-preview} too).
 */
public final class KernelMain {

    private static final CountDownLatch SHUTDOWN = new CountDownLatch(1);

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        long parent = ParentWatch.currentParent(); // before anything slow: a launcher may die while the kernel starts
        if (args.length != 1) {
            System.err.println("usage: java -cp ... org.jcn.kernel.KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        String connection;
        try {
            connection = Files.readString(connectionFile);
        } catch (NoSuchFileException e) {
            System.err.println("java-concurrency kernel: no connection file at " + connectionFile);
            System.exit(2);
            return;
        }
        cellsSeeTheLibraryAlone();
        Log.openBeside(connectionFile);
        Log.info("starting on Java " + Runtime.version() + ", pid " + ProcessHandle.current().pid());
        // JShell starts first, on a thread of its own: its first compilations are the slowest part of a start,
        // and on two or more cores they overlap with the sockets' set-up below. The first cell, the first
        // completion and kernel_info on the shell channel (what jupyter_client's wait_for_ready sends) wait for it.
        // (Warming completion up here too cost the first cell 45-140 ms; the first completion pays it instead.)
        CompletableFuture<Evaluator> evaluator = new CompletableFuture<>();
        startJShell(evaluator);
        KernelConnectionProperties properties = KernelConnectionProperties.parse(connection);
        ZMQ.Context context = ZMQ.context(1);
        HMACGenerator hmac = properties.createHMACGenerator();

        IOPubChannel iopub = new IOPubChannel(context, hmac);
        HeartbeatChannel heartbeat = new HeartbeatChannel(context, hmac);
        StdinSocket stdin = new StdinSocket(context, hmac);
        Channel shell = new Channel(context, hmac, "shell", KernelConnectionProperties::getShellPort);
        Channel control = new Channel(context, hmac, "control", KernelConnectionProperties::getControlPort);
        for (var socket : List.of(iopub, heartbeat, stdin, shell, control)) {
            socket.bind(properties);
        }

        Output output = new Output(iopub);
        PrintStream originalErr = System.err;
        Function<StackTraceElement, String> frames = frame -> evaluator.isDone()
                && !evaluator.isCompletedExceptionally() ? evaluator.join().frame(frame) : frame.toString();
        output.stdout.nameFramesWith(frames);
        output.stderr.nameFramesWith(frames);
        System.setOut(output.stdout);
        System.setErr(output.stderr);
        System.setIn(new Input(stdin));
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught(thread, e, evaluator));

        Kernel kernel = new Kernel(iopub, output, evaluator).publish();
        Requests requests = new Requests(kernel, iopub, SHUTDOWN::countDown);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        shell.listen(requests::handle);
        control.listen(requests::handle);

        ParentWatch.start(parent, SHUTDOWN::countDown);
        MemoryWatch.start(kernel::heapFull);
        Signals.onInterrupt(kernel::interrupt);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ExitNotice.tell(evaluator);
            stopChildren();
            Log.closeClean();
        }, "jcn-shutdown"));
        Log.info("ready (sockets bound)");

        SHUTDOWN.await();
        Log.info("shutting down");
        kernel.interrupt();
        stopChildren();
        for (var socket : List.of(shell, control, stdin, heartbeat, iopub)) {
            try {
                socket.close();
            } catch (RuntimeException e) {
                // closing anyway
            }
        }
        System.setErr(originalErr);
        Log.closeClean();
        System.exit(0);
    }

    private static void startJShell(CompletableFuture<Evaluator> evaluator) {
        Thread.ofPlatform().name("jcn-jshell-start").start(() -> {
            try {
                // In-process JShell writes cell output through System.out and System.err, which the kernel
                // routes once its sockets are up; these streams follow whatever those are at the time.
                Evaluator started = new Evaluator(cellClassPath(), cellIndex(), compilerOptions(),
                        Output.currentStdout(), Output.currentStderr());
                Log.info("JShell built");
                started.runQuietly(startupCode());
                evaluator.complete(started);
                Log.info("JShell ready");
            } catch (IOException | RuntimeException | Error e) {
                Log.error("JShell did not start", e);
                evaluator.completeExceptionally(e);
            }
        });
    }

    // A thread that dies of an exception says so in its cell, with cell frames named by cell line as a cell's own
    // error is; a stop of cell code (ThreadDeath) says nothing.
    @SuppressWarnings("removal")
    private static void uncaught(Thread thread, Throwable e, CompletableFuture<Evaluator> evaluator) {
        if (e instanceof ThreadDeath) {
            return;
        }
        Evaluator shell = evaluator.isDone() && !evaluator.isCompletedExceptionally() ? evaluator.join() : null;
        System.err.print("Exception in thread \"" + thread.getName() + "\" "
                + (shell == null ? CellFailure.trace(e, StackTraceElement::toString) : shell.trace(e)));
    }

    /** Ends every process the kernel started, directly or not: child JVMs, ProcessBuilder children. */
    static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            child.destroyForcibly();
        }
    }

    /**
     * Makes {@code java.class.path} the cells' class path ({@code jcn.cell.classpath}: the library and its jars)
     * when the kernelspec names one. JShell's compiler starts its class path from that property, and so does the
     * class path of a child JVM a cell starts ({@code org.jcn.internal.process.ChildClassPath}): so cells compile
     * against the library alone, and children start without the kernel and its protocol library. The JVM's own
     * class loader, which has those too, was made at start and does not change.
     */
    static void cellsSeeTheLibraryAlone() {
        String cells = System.getProperty("jcn.cell.classpath");
        if (cells != null && !cells.isBlank()) {
            System.setProperty("java.class.path", cells);
        }
    }

    static Path cellIndex() {
        String index = System.getProperty("jcn.cell.index");
        return index == null || index.isBlank() ? null : Path.of(index);
    }

    /**
     * The cells' class path, handed to JShell's compiler even when {@code java.class.path} already names it: that
     * call is what gives the compiler {@link JarClassPath}'s index of the jars (a jar named twice is read once).
     * Without it javac lists the jars itself, which cost a kernel's start about 0.15 s here.
     */
    static List<String> cellClassPath() {
        String path = System.getProperty("jcn.cell.classpath", System.getProperty("java.class.path", ""));
        List<String> entries = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    // An empty processor path: JShell runs no annotation processors (-proc:none), but javac still looks for compiler
    // plugins on the processor path, which defaults to the class path, and so opened all 25 jars of the cells' class
    // path for them at the first compile (about 60-110 ms of a kernel's start, measured here).
    static List<String> compilerOptions() {
        List<String> options = new ArrayList<>(List.of("--processor-path", ""));
        if (Boolean.getBoolean("jcn.preview")) {
            options.addAll(List.of("--enable-preview", "--source", Integer.toString(Runtime.version().feature())));
        }
        return options;
    }

    static String startupCode() throws IOException {
        StringBuilder code = new StringBuilder("import static org.jcn.display.Display.*;\n");
        String script = System.getProperty("jcn.startup");
        if (script != null && !script.isBlank()) {
            code.append(Files.readString(Path.of(script)));
        }
        return code.toString();
    }
}

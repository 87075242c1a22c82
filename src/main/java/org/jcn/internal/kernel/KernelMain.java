package org.jcn.internal.kernel;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.message.MessageType;

/**
 * Starts rapaio-jupyter-kernel the way its own {@code MainApp} does, minus two start-up races of version 3.0.1
 * that leave a kernel which never answers (the notebook stays at "connecting"; seen at about one start in five on
 * a loaded 2-core machine). The kernelspec that {@code kernel/install} writes names this class as the main class.
 *
 * <ol>
 *   <li>Each channel polls its socket on a {@code LoopThread}, whose {@code start()} starts the thread before it
 *       sets the {@code running} flag the loop tests first. A thread that gets a core at once sees
 *       {@code false} and ends: that channel is deaf for good. After connecting, {@link #reviveLoopThreads}
 *       watches for loop threads that are dead although still marked running, and starts a replacement whose flag
 *       is set beforehand.</li>
 *   <li>{@code Channels.connect} binds the sockets (starting the polling) before it creates its table of message
 *       handlers; a request arriving in between would meet no table. The table is filled before connecting;
 *       {@code connect} then replaces it with an identical one.</li>
 * </ol>
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].startsWith("-")) {
            MainApp.main(args);     // the installer and anything else MainApp offers
            return;
        }
        LogManager.getLogManager().readConfiguration(
                MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        ConnectionProperties connection = Transform.fromJson(Files.readString(Path.of(args[0])),
                ConnectionProperties.class);
        Channels channels = new Channels(connection);
        RapaioKernel kernel = MainApp.kernel;
        kernel.registerChannels(channels);
        Field handlers = Channels.class.getDeclaredField("handlers");
        handlers.setAccessible(true);
        handlers.set(channels, handlers(kernel));
        channels.connect(kernel);
        reviveLoopThreads(channels, REVIVE_FOR_MILLIS);
        // joinUntilClose returns at once for a thread the race has ended; if every loop thread ended so, the JVM
        // would exit before the watch replaces them. Keep joining until the kernel shuts its loops down.
        do {
            channels.joinUntilClose();
            Thread.sleep(REVIVE_EVERY_MILLIS);
        } while (anyLoopMarkedRunning(channels));
    }

    /** Whether a channel's loop thread is still meant to run (its running flag is cleared only by a shutdown). */
    static boolean anyLoopMarkedRunning(Channels channels) throws ReflectiveOperationException {
        for (Object channel : channelsOf(channels)) {
            LoopThread thread = loopThreadOf(channel);
            if (thread != null && flag(thread, "running")) {
                return true;
            }
        }
        return false;
    }

    private static LoopThread loopThreadOf(Object channel) throws ReflectiveOperationException {
        try {
            return (LoopThread) field(channel.getClass(), "loopThread").get(channel);
        } catch (NoSuchFieldException e) {
            return null;    // a channel without a polling loop
        }
    }

    private static final long REVIVE_FOR_MILLIS = 60_000;
    private static final long REVIVE_EVERY_MILLIS = 20;

    /**
     * For {@code millis} after connecting, replaces every channel loop thread that ended at its first step
     * (dead, yet its {@code running} flag says it should run) with one that runs. A daemon thread does the watching.
     */
    static void reviveLoopThreads(Channels channels, long millis) {
        Thread.ofPlatform().daemon(true).name("jcn-kernel-start-watch").start(() -> {
            long end = System.currentTimeMillis() + millis;
            try {
                while (System.currentTimeMillis() < end) {
                    for (Object channel : channelsOf(channels)) {
                        reviveIfDead(channel);
                    }
                    Thread.sleep(REVIVE_EVERY_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.err.println("jcn: could not check the kernel's channel threads: " + e);
            }
        });
    }

    private static java.util.List<Object> channelsOf(Channels channels) throws ReflectiveOperationException {
        java.util.List<Object> list = new java.util.ArrayList<>();
        for (String name : new String[] {"heartbeat", "shell", "control", "stdin", "iopub"}) {
            list.add(field(Channels.class, name).get(channels));
        }
        return list;
    }

    /** Replaces the channel's loop thread if it is dead although marked running; returns whether it did. */
    static boolean reviveIfDead(Object channel) throws ReflectiveOperationException {
        LoopThread thread = loopThreadOf(channel);
        if (thread == null || thread.isAlive() || !flag(thread, "running")) {
            return false;
        }
        LoopThread replacement = new LoopThread(thread.getName(), field(LoopThread.class, "sleep").getLong(thread),
                (Runnable) field(LoopThread.class, "loopBody").get(thread));
        field(LoopThread.class, "running").setBoolean(replacement, true);
        field(channel.getClass(), "loopThread").set(channel, replacement);
        replacement.start();
        System.err.println("jcn: restarted the kernel's " + thread.getName() + " channel thread, which had ended at start-up");
        return true;
    }

    private static boolean flag(Object target, String name) throws ReflectiveOperationException {
        return field(target.getClass(), name).getBoolean(target);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** The same table {@code Channels.connect} builds. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Map<MessageType<?>, MessageHandler> handlers(RapaioKernel kernel) {
        Map<MessageType<?>, MessageHandler> table = new HashMap<>();
        table.put(MessageType.SHELL_EXECUTE_REQUEST, (MessageHandler) m -> kernel.handleExecuteRequest(m));
        table.put(MessageType.SHELL_INSPECT_REQUEST, (MessageHandler) m -> kernel.handleInspectRequest(m));
        table.put(MessageType.SHELL_COMPLETE_REQUEST, (MessageHandler) m -> kernel.handleCompleteRequest(m));
        table.put(MessageType.SHELL_HISTORY_REQUEST, (MessageHandler) m -> kernel.handleHistoryRequest(m));
        table.put(MessageType.SHELL_IS_COMPLETE_REQUEST, (MessageHandler) m -> kernel.handleIsCompleteRequest(m));
        table.put(MessageType.SHELL_KERNEL_INFO_REQUEST, (MessageHandler) m -> kernel.handleKernelInfoRequest(m));
        table.put(MessageType.CONTROL_SHUTDOWN_REQUEST, (MessageHandler) m -> kernel.handleShutdownRequest(m));
        table.put(MessageType.CONTROL_INTERRUPT_REQUEST, (MessageHandler) m -> kernel.handleInterruptRequest(m));
        table.put(MessageType.CUSTOM_COMM_OPEN, (MessageHandler) m -> kernel.handleCommOpenCommand(m));
        table.put(MessageType.CUSTOM_COMM_MSG, (MessageHandler) m -> kernel.handleCommMsgCommand(m));
        table.put(MessageType.CUSTOM_COMM_CLOSE, (MessageHandler) m -> kernel.handleCommCloseCommand(m));
        table.put(MessageType.SHELL_COMM_INFO_REQUEST, (MessageHandler) m -> kernel.handleCommInfoRequest(m));
        return table;
    }
}

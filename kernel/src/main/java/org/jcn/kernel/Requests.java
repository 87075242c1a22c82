package org.jcn.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dflib.jjava.jupyter.channels.DefaultReplyEnvironment;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.dflib.jjava.jupyter.messages.reply.CompleteReply;
import org.dflib.jjava.jupyter.messages.reply.InspectReply;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.reply.IsCompleteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.reply.ShutdownReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * Answers the requests of the shell and control channels. Execute requests are queued for the kernel's cell
 * runner; everything else is answered at once on the channel's thread, also while a cell runs (completion and
 * inspection wait at most a moment for JShell to finish compiling).
 */
final class Requests {

    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final Duration READY_PATIENCE = Duration.ofSeconds(60);

    private final Kernel kernel;
    private final JupyterSocket iopub;
    private final Runnable shutdown;

    Requests(Kernel kernel, JupyterSocket iopub, Runnable shutdown) {
        this.kernel = kernel;
        this.iopub = iopub;
        this.shutdown = shutdown;
    }

    /** kernel_info_reply with the "status" field that protocol 5.x asks for and the protocol library omits. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        KernelInfo() {
            super(Header.PROTOCOL_VERISON, Kernel.NAME, Kernel.VERSION, language(), banner(), help());
        }
    }

    @SuppressWarnings("unchecked")
    void handle(Channel channel, Message<?> message) {
        MessageType<?> type = message.getHeader().getType();
        if (type == MessageType.EXECUTE_REQUEST) {
            kernel.execute(channel, (Message<ExecuteRequest>) message);
            return;
        }
        DefaultReplyEnvironment env = new DefaultReplyEnvironment(channel, iopub, message);
        env.setStatusBusy();
        try {
            answer(env, type, message);
        } catch (RuntimeException e) {
            Log.error("cannot answer " + type.getName(), e);
        } finally {
            env.setStatusIdle();
        }
        if (type == MessageType.SHUTDOWN_REQUEST) {
            shutdown.run();
        }
    }

    @SuppressWarnings("unchecked")
    private void answer(DefaultReplyEnvironment env, MessageType<?> type, Message<?> message) {
        Object content = message.getContent();
        if (type == MessageType.KERNEL_INFO_REQUEST) {
            // Answered at once, while JShell may still be starting: the requests that need JShell (a cell, a
            // completion, an inspection, is_complete) wait for it themselves, so "ready" means ready for each of
            // them. Making this one wait as well (as the kernel once did) put JShell's start before a front end's
            // own wait after kernel_info, instead of beside it: the first result came 0.22 s later (median of five
            // starts, BENCHMARKS.md).
            env.reply(new KernelInfo());
        } else if (type == MessageType.COMPLETE_REQUEST) {
            CompleteRequest request = (CompleteRequest) content;
            Analysis.Completions none = new Analysis.Completions(List.of(), request.getCursorPos(),
                    request.getCursorPos());
            kernel.awaitReady(READY_PATIENCE);
            Analysis.Completions c = kernel.analyse(
                    a -> a.complete(request.getCode(), request.getCursorPos()), none, PATIENCE);
            env.reply(new CompleteReply(c.matches(), c.start(), c.end(), Map.of()));
        } else if (type == MessageType.INSPECT_REQUEST) {
            InspectRequest request = (InspectRequest) content;
            kernel.awaitReady(READY_PATIENCE);
            String text = kernel.analyse(a -> a.inspect(request.getCode(), request.getCursorPos()),
                    null, PATIENCE);
            env.reply(new InspectReply(text != null, text == null ? DisplayData.EMPTY : new DisplayData(text)));
        } else if (type == MessageType.IS_COMPLETE_REQUEST) {
            IsCompleteRequest request = (IsCompleteRequest) content;
            kernel.awaitReady(READY_PATIENCE);
            String answer = kernel.analyse(a -> a.isComplete(request.getCode()), "unknown",
                    Duration.ofMillis(200));
            env.reply(switch (answer) {
                case "complete" -> IsCompleteReply.VALID_CODE;
                case "invalid" -> IsCompleteReply.INVALID_CODE;
                case "incomplete" -> IsCompleteReply.getIncompleteReplyWithIndent("    ");
                default -> IsCompleteReply.UNKNOWN;
            });
        } else if (type == MessageType.HISTORY_REQUEST) {
            // Sent as plain maps: the protocol library's reply objects lack "status" and shape entries as objects.
            replyRaw(env, message, MessageType.HISTORY_REPLY, kernel.history().reply((HistoryRequest) content));
        } else if (type == MessageType.COMM_INFO_REQUEST) {
            replyRaw(env, message, MessageType.COMM_INFO_REPLY, commInfo((CommInfoRequest) content));
        } else if (type == MessageType.COMM_OPEN_COMMAND) {
            kernel.comms().handleCommOpenCommand(env, (Message<CommOpenCommand>) message);
        } else if (type == MessageType.COMM_MSG_COMMAND) {
            kernel.comms().handleCommMsgCommand(env, (Message<CommMsgCommand>) message);
        } else if (type == MessageType.COMM_CLOSE_COMMAND) {
            kernel.comms().handleCommCloseCommand(env, (Message<CommCloseCommand>) message);
        } else if (type == MessageType.INTERRUPT_REQUEST) {
            kernel.interrupt();
            env.reply(new InterruptReply());
        } else if (type == MessageType.SHUTDOWN_REQUEST) {
            boolean restart = ((ShutdownRequest) content).isRestart();
            env.reply(restart ? ShutdownReply.SHUTDOWN_AND_RESTART : ShutdownReply.SHUTDOWN);
        } else {
            Log.info("no answer for a " + type.getName() + " message");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void replyRaw(DefaultReplyEnvironment env, Message<?> request, MessageType<?> type,
            Map<String, Object> content) {
        env.reply(new Message(request, type, content));
    }

    private Map<String, Object> commInfo(CommInfoRequest request) {
        Map<String, Object> comms = new java.util.LinkedHashMap<>();
        for (var comm : kernel.comms()) {
            if (request.getTargetName() == null || request.getTargetName().equals(comm.getTargetName())) {
                comms.put(comm.getID(), Map.of("target_name", comm.getTargetName()));
            }
        }
        return Map.of("status", "ok", "comms", comms);
    }

    private static LanguageInfo language() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static String banner() {
        return "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor", "") + ") :: "
                + Kernel.NAME + " kernel " + Kernel.VERSION + " on JShell, in process";
    }

    private static List<HelpLink> help() {
        int feature = Runtime.version().feature();
        return List.of(
                new HelpLink("Java " + feature + " API",
                        "https://docs.oracle.com/en/java/javase/" + feature + "/docs/api/"),
                new HelpLink("java.util.concurrent", "https://docs.oracle.com/en/java/javase/" + feature
                        + "/docs/api/java.base/java/util/concurrent/package-summary.html"),
                new HelpLink("JShell", "https://docs.oracle.com/en/java/javase/" + feature
                        + "/jshell/introduction-jshell.html"));
    }
}

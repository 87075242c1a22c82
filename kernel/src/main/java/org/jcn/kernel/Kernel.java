package org.jcn.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.dflib.jjava.jupyter.channels.DefaultReplyEnvironment;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.jcn.display.Rendered;
import org.jcn.internal.Kernels;
import org.jcn.internal.cell.CellWork;

/**
 * The kernel: takes execute requests in order, runs each as a {@link Cell}, and publishes what it shows.
 * The other requests are answered by {@link Requests}. Thread safe.
 */
final class Kernel implements Kernels.Host {

    static final String NAME = "java-concurrency";
    static final String VERSION = "0.2.0";

    private final JupyterSocket iopub;
    private final Output output;
    private final CompletableFuture<Evaluator> evaluator;
    private final Renderer renderer = Renderers.create();
    private final Displays displays = new Displays(this);
    private final CellRunner runner;
    private final History history = new History();
    private final CommManager comms = new CommManager();
    private final AtomicInteger counter = new AtomicInteger(1);

    /** @param evaluator JShell with the start-up imports run, being built while the kernel already answers */
    Kernel(JupyterSocket iopub, Output output, CompletableFuture<Evaluator> evaluator) {
        this.iopub = iopub;
        this.output = output;
        this.evaluator = evaluator;
        this.runner = new CellRunner(evaluator::join);
        comms.setIOPubChannel(iopub);
    }

    /**
     * Makes this kernel the one cells and the library reach, once it is completely built (never from the
     * constructor, so nothing sees a half-made kernel). Cell code runs in this JVM and reaches the kernel only
     * through the library (the display functions, a rewritten {@code System.exit}), which finds it through {@link
     * java.util.ServiceLoader} ({@link RunningKernel}): the one static this sets, once per JVM.
     */
    Kernel publish() {
        RunningKernel.attach(this);
        return this;
    }

    Renderer renderer() {
        return renderer;
    }

    /** Asks JShell's source analysis, or answers {@code otherwise} while JShell is starting or compiling. */
    <T> T analyse(java.util.function.Function<Analysis, T> question, T otherwise, java.time.Duration patience) {
        return evaluator.isDone() && !evaluator.isCompletedExceptionally()
                ? evaluator.join().analyse(question, otherwise, patience) : otherwise;
    }

    /**
     * Waits until JShell has started (and run the start-up code), at most {@code patience}; returns at once when
     * it failed to start (the first cell then says why).
     */
    void awaitReady(java.time.Duration patience) {
        try {
            evaluator.get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // answered as it is: without completions, or with the start's failure at the first cell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    History history() {
        return history;
    }

    CommManager comms() {
        return comms;
    }

    /** Queues an execute request; its busy/idle status and reply go out when it runs. */
    void execute(JupyterSocket shell, Message<ExecuteRequest> request) {
        runner.submit(() -> runCell(shell, request), () -> abort(shell, request));
    }

    private void runCell(JupyterSocket shell, Message<ExecuteRequest> request) {
        DefaultReplyEnvironment env = new DefaultReplyEnvironment(shell, iopub, request);
        env.setStatusBusy();
        ExecuteRequest content = request.getContent();
        int count = content.isSilent() ? counter.get() : counter.getAndIncrement();
        Cell cell = new Cell(count, request, output);
        if (!content.isSilent()) {
            env.publish(new PublishExecuteInput(content.getCode(), count));
        }
        if (content.shouldStoreHistory()) {
            history.add(count, content.getCode());
        }
        Cells.begin(cell);
        CellRunner.Result result;
        try {
            result = runner.run(cell, content.getCode());
        } finally {
            Cells.end(cell);
        }
        if (result.failure() == null) {
            if (result.value().present() && !content.isSilent()) {
                DisplayData data = render(result.value().object());
                output.publish(cell, new PublishExecuteResult(count, data));
                if (content.shouldStoreHistory() && data.getData(MIMEType.TEXT_PLAIN) instanceof String text) {
                    history.output(count, text);
                }
            }
            cell.streams.flushAndReportCut();
            env.reply(new ExecuteReply(count, Map.of()));
        } else {
            CellFailure failure = result.failure();
            cell.streams.flushAndReportCut();
            output.publish(cell, new PublishError(failure.name, failure.value, failure.traceback));
            ErrorReply error = new ErrorReply(failure.name, failure.value, failure.traceback);
            error.setExecutionCount(count);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
            if (content.shouldStopOnError()) {
                abortQueued();
            }
        }
        cell.markEnded();
        CellWork.forget(cell);
        env.setStatusIdle();
    }

    /** Renders a value as every form its type has; a value that is already rendered passes as it is. */
    DisplayData render(Object value) {
        if (value instanceof DisplayData data) {
            return data;
        }
        if (value instanceof Rendered || value instanceof Kernels.Forms) {
            return displays.render(value);
        }
        if (Values.summarised(value)) {
            return new DisplayData(Values.text(value)); // arrays as JShell shows them; large values summarised
        }
        try {
            DisplayData data = renderer.render(value);
            if (data.getData(MIMEType.TEXT_PLAIN) instanceof String text && text.length() > Values.CHARACTERS) {
                data.putText(Values.cut(text));
            }
            return data;
        } catch (RuntimeException e) {
            Log.error("cannot render a " + (value == null ? "null" : value.getClass().getName()), e);
            return new DisplayData(String.valueOf(value));
        }
    }

    // Like ipykernel: after an error, the cells queued behind it are answered "aborted" instead of run.
    private void abortQueued() {
        runner.drain().forEach(Runnable::run);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void abort(JupyterSocket shell, Message<ExecuteRequest> request) {
        DefaultReplyEnvironment env = new DefaultReplyEnvironment(shell, iopub, request);
        env.setStatusBusy();
        env.reply(new Message(request, MessageType.EXECUTE_REPLY, Map.of("status", "aborted")));
        env.setStatusIdle();
    }

    /** Interrupts the running cell, or, between cells, the cell code still running in background threads. */
    String interrupt() {
        Cell cell = Cells.running();
        if (!evaluator.isDone()) {
            return "nothing to interrupt: JShell is still starting";
        }
        if (cell != null) {
            List<String> stopped = CellRunner.stop(cell, evaluator.join());
            Log.info("interrupted " + cell + (stopped.isEmpty() ? "" : ": " + String.join(", ", stopped)));
            return "interrupted " + cell;
        }
        evaluator.join().stop();
        int stopped = Background.stop();
        Log.info("interrupt between cells: stopped " + stopped + " background threads running cell code");
        return "stopped " + stopped + " background threads";
    }

    /**
     * Stops the running cell (or, between cells, the cell code still running) because the heap is full, and
     * says so in its reply with the session variables that hold the most.
     *
     * @param held the heap's state, "5.2 of 6.0 GiB"
     */
    void heapFull(String held) {
        if (!evaluator.isDone() || evaluator.isCompletedExceptionally()) {
            return;
        }
        Cell cell = Cells.running();
        if (cell == null) {
            evaluator.join().stop();
            Log.info("heap full between cells (" + held + "): stopped " + Background.stop() + " background threads");
            return;
        }
        // Stopped first, described after: building the description allocates, and the heap is nearly full.
        cell.heapFull(held);
        CellRunner.stop(cell, evaluator.join());
    }

    /** Publishes {@code content} for the calling thread's cell (displays, clear_output). */
    <T extends ContentType<T>> void publish(T content) {
        Cell cell = Cells.owner();
        if (cell == null) {
            throw new IllegalStateException("there is no cell to show this in");
        }
        output.publish(cell, content);
    }

    @Override
    public String name() {
        return NAME + " " + VERSION;
    }

    @Override
    public String displayHtml(String html) {
        return displays.displayHtml(html);
    }

    @Override
    public void updateHtml(String id, String html) {
        displays.updateHtml(id, html);
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        return displays.display(value, mimeTypes);
    }

    @Override
    public void update(String id, Object value, String... mimeTypes) {
        displays.update(id, value, mimeTypes);
    }

    @Override
    public Kernels.Forms render(Object value, String... mimeTypes) {
        return displays.forms(value, mimeTypes);
    }

    @Override
    public void clearOutput(boolean wait) {
        displays.clearOutput(wait);
    }

    @Override
    public void beforeHalt(int status) {
        ExitNotice.halting(evaluator, status);
    }

    @Override
    public Object cellOfCallingThread() {
        return Cells.owner();
    }
}

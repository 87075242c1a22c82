package org.jcn.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

import org.dflib.jjava.jupyter.messages.publish.PublishStream.StreamType;
import org.jcn.internal.cell.CellWork;

/**
 * Runs cells one after another on a thread of its own, waits for the work each one started, and stops a cell
 * when the kernel is interrupted.
 *
 * <p>A cell's code runs on a fresh thread in the cell's thread group (so that JShell's snippet threads, and every
 * platform thread they start, land in that group). The cell then waits, as a Java program's {@code main} does, for
 * the non-daemon threads it started and for the library's tracked work; idle pool threads and daemon threads do
 * not count. While it waits it says so in one line.
 *
 * <p>Longer than the house's ~150 lines: a cell's run, its wait for the work it started and the interrupt report
 * share one cell's state; split, each part would reach into the others.
 */
final class CellRunner {

    private static final long POLL_MILLIS = 5;
    private static final long SAY_WAITING_AFTER_NANOS = 250_000_000;
    // After an interrupt: how long the cell's work gets to end before the kernel reports what still runs, and
    // after how long a cell blocked on a future that ignores interrupts gets the futures of its session cancelled.
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final long CANCEL_FUTURES_AFTER_MILLIS = 300;

    /** What one cell produced: a value to show, or a failure. */
    record Result(Evaluator.Value value, CellFailure failure) {
    }

    private final Supplier<Evaluator> evaluator;
    private record Job(Runnable run, Runnable abort) {
    }

    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();

    CellRunner(Supplier<Evaluator> evaluator) {
        this.evaluator = evaluator;
        Thread.ofPlatform().name("jcn-cells").daemon().start(this::loop);
    }

    /** Queues a cell: {@code run} runs it, or {@code abort} answers it if it is {@linkplain #drain drained}. */
    void submit(Runnable run, Runnable abort) {
        queue.add(new Job(run, abort));
    }

    /** Takes back every cell that has not started yet; returns their abort actions. */
    List<Runnable> drain() {
        List<Job> pending = new ArrayList<>();
        queue.drainTo(pending);
        return pending.stream().map(Job::abort).toList();
    }

    private void loop() {
        while (true) {
            try {
                queue.take().run().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                Log.error("a cell could not be run", e);
            }
        }
    }

    /** Runs the cell's code and waits for its work; on the runner's thread. */
    Result run(Cell cell, String code) {
        List<String> notes = new ArrayList<>();
        Result[] result = new Result[1];
        Thread thread = new Thread(cell.group, () -> {
            Cells.own(cell);
            try {
                result[0] = new Result(evaluator.get().run(cell.count, code, notes), null);
            } catch (CellFailure failure) {
                result[0] = new Result(Evaluator.Value.NONE, failure);
            } catch (RuntimeException | Error e) {
                Log.error("JShell failed on " + cell, e);
                result[0] = new Result(Evaluator.Value.NONE, CellFailure.of("KernelError", String.valueOf(e),
                        List.of("see the kernel's log: " + Log.file())));
            }
        }, "cell-" + cell.count);
        // Not a daemon, although the runner is one: threads inherit it, and a cell's threads should be what a
        // plain Java program's are (new Thread(...) keeps the program, here the cell, alive).
        thread.setDaemon(false);
        thread.start();
        boolean futuresCancelled = false;
        long start = System.nanoTime();
        while (!joined(thread)) {
            if (cell.interrupted() && !futuresCancelled
                    && System.nanoTime() - start > CANCEL_FUTURES_AFTER_MILLIS * 1_000_000) {
                futuresCancelled = true;
                cancelFutures();
            }
        }
        for (String note : notes) {
            say(cell, "note: " + note);
        }
        if (!cell.interrupted() && result[0].failure() == null) {
            awaitWork(cell);
        }
        if (cell.interrupted()) {
            return new Result(Evaluator.Value.NONE, interrupted(cell));
        }
        return heldAfterOutOfMemory(result[0]);
    }

    /**
     * A cell that ran out of memory before the memory watch could stop it (a heap filled in less than one of the
     * watch's looks): when the heap is still full after a collection, session variables hold it, and the reply says
     * so as the watch's would, naming them. An OutOfMemoryError whose memory was garbage stays as it is.
     */
    private Result heldAfterOutOfMemory(Result result) {
        if (result.failure() == null || !result.failure().name.endsWith("OutOfMemoryError")) {
            return result;
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long used = runtime.totalMemory() - runtime.freeMemory();
        if (used < runtime.maxMemory() / 100 * MemoryWatch.CHECK_PERCENT) {
            return result;
        }
        return new Result(Evaluator.Value.NONE, CellFailure.of("HeapFull",
                HeapReport.reply(MemoryWatch.held(used, runtime.maxMemory()), evaluator.get()), List.of()));
    }

    private static boolean joined(Thread thread) {
        try {
            thread.join(POLL_MILLIS * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void awaitWork(Cell cell) {
        boolean said = false;
        long start = System.nanoTime();
        while (!cell.interrupted()) {
            List<Thread> threads = CellThreads.busyNonDaemon(cell);
            List<CellWork.Handle> tracked = CellWork.unfinished(cell);
            if (threads.isEmpty() && tracked.isEmpty()) {
                return;
            }
            // Work that ends within a moment (a pool thread still reporting its task's exception) is not worth a line.
            if (!said && System.nanoTime() - start > SAY_WAITING_AFTER_NANOS) {
                said = true;
                say(cell, "[waiting for " + summary(describe(threads, tracked))
                        + " started in this cell; interrupt the kernel to stop it]");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops a cell now: its code (in every thread), its threads, its tracked work. Called on the control channel's
     * thread (or the signal handler's); the runner then waits for the work to end and reports.
     *
     * @return descriptions of what was running
     */
    static List<String> stop(Cell cell, Evaluator evaluator) {
        List<Thread> threads = new ArrayList<>(CellThreads.platform(cell.group));
        threads.removeIf(t -> CellThreads.runsSnippet(t) || CellThreads.idlePoolWorker(t));
        threads.addAll(CellThreads.virtualSince(cell.firstThreadId));
        List<Thread> shared = CellThreads.sharedPoolThreadsRunningCellCode();
        threads.addAll(shared);
        List<String> stopped = new ArrayList<>(describe(threads, CellWork.unfinished(cell)));
        List<ProcessHandle> processes = CellProcesses.startedSince(cell.began);
        stopped.addAll(CellProcesses.describe(processes));
        if (!stopped.isEmpty()) {
            cell.stopped(stopped);
        }
        // Marked before anything is stopped: a cell whose wait ends because its process was stopped is interrupted.
        cell.markInterrupted();
        CellProcesses.stop(processes);
        evaluator.stop();
        // Not the kernel's own thread for the cell: it waits in JShell for the snippet's thread, and an interrupt
        // there would make JShell give up on a snippet that still runs.
        CellThreads.platform(cell.group).stream().filter(t -> !CellThreads.isCellThread(t, cell.group))
                .forEach(Thread::interrupt);
        CellThreads.virtualSince(cell.firstThreadId).forEach(Thread::interrupt);
        shared.forEach(Thread::interrupt);
        CellWork.cancel(cell, Duration.ZERO);
        return stopped;
    }

    /**
     * One description per kind of work, counted ("3 virtual threads"); a thread the library started is both a
     * thread of the cell and a tracked handle, and is named once.
     */
    static List<String> describe(List<Thread> threads, List<CellWork.Handle> tracked) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        threads.forEach(t -> counts.merge(CellThreads.describe(t), 1, Integer::sum));
        tracked.forEach(h -> counts.putIfAbsent(h.description(), 1));
        List<String> items = new ArrayList<>();
        counts.forEach((what, n) -> items.add(n == 1 ? what : n + " " + what.replaceFirst("thread", "threads")));
        return items;
    }

    /** "a, b, c and 2 more". */
    static String summary(List<String> items) {
        int shown = Math.min(3, items.size());
        String text = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? text + " and " + (items.size() - shown) + " more" : text;
    }

    private CellFailure interrupted(Cell cell) {
        Thread abandoned = evaluator.get().abandoned();
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<String> still = stillRunning(cell, abandoned);
        while (!still.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            still = stillRunning(cell, abandoned);
        }
        // What still runs was not stopped (threads in a deadlock ignore interrupts): named once, as still running.
        List<String> ended = new ArrayList<>(cell.stopped());
        ended.removeAll(still);
        String stopped = ended.isEmpty() ? "" : "; stopped " + summary(ended);
        String left = still.isEmpty() ? "" : "; still running (interrupts do not stop it): "
                + summary(still);
        String stuck = abandoned == null || !abandoned.isAlive() ? "" : "; " + Stuck.leftBehind(abandoned);
        if (cell.heapFull() != null) {
            return CellFailure.of("HeapFull", HeapReport.reply(cell.heapFull(), evaluator.get()) + stopped + left
                    + stuck, List.of());
        }
        return CellFailure.of("Interrupted", "the cell was interrupted" + stopped + left + stuck, List.of());
    }

    private static List<String> stillRunning(Cell cell, Thread abandoned) {
        List<Thread> threads = new ArrayList<>();
        for (Thread t : CellThreads.platform(cell.group)) {
            if (t.isAlive() && t != abandoned && !CellThreads.idlePoolWorker(t)
                    && !CellThreads.isCellThread(t, cell.group)) {
                threads.add(t);
            }
        }
        threads.addAll(CellThreads.virtualSince(cell.firstThreadId).stream().filter(CellRunner::runsCellCode)
                .toList());
        return describe(threads, CellWork.unfinished(cell));
    }

    /** Whether a thread is running code a cell defined (a frame of a REPL class is on its stack). */
    static boolean runsCellCode(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith("REPL.")) {
                return true;
            }
        }
        return false;
    }

    /** Cancels the unfinished futures held by the session's variables (a cell may be blocked in their join). */
    private void cancelFutures() {
        for (Object value : evaluator.get().variableValues()) {
            if (value instanceof Future<?> future && !future.isDone()) {
                future.cancel(true);
            }
        }
    }

    private static void say(Cell cell, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        cell.streams.write(StreamType.OUT, bytes, 0, bytes.length);
    }
}

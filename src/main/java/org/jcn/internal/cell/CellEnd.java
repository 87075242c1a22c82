package org.jcn.internal.cell;

import java.time.Duration;
import java.util.List;

import org.jcn.internal.cell.CellWork.Handle;

/**
 * The action the kernel runs at the end of a cell that started tracked work.
 *
 * <p>Normally it runs on the kernel's shell thread after the cell's code: it prints one line saying what it
 * waits for and waits, so the work's output lands in its own cell. While waiting it leaves a second action on
 * the kernel's stack: the kernel's control channel runs that stack when an interrupt arrives, so that action
 * cancels the work. If this action itself is run by the control channel, the cell was interrupted before its
 * code finished: it cancels the work at once.
 */
final class CellEnd implements Runnable {

    // How long an interrupt waits for cancelled work to end, so its last words still reach the cell.
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final CellScope scope;
    private volatile boolean finished;

    CellEnd(CellScope scope) {
        this.scope = scope;
    }

    @Override
    public void run() {
        if (KernelHook.onControlChannel()) {
            cancel();
            return;
        }
        try {
            List<Handle> pending = scope.unfinished();
            if (!pending.isEmpty()) {
                System.out.println("[waiting for " + CellScope.describe(pending)
                        + " started in this cell; interrupt the kernel to cancel]");
                KernelHook.schedule(this::cancelIfInterrupted);
            }
            do {
                scope.await();
            } while (!CellWork.close(scope));
        } catch (InterruptedException e) {
            scope.cancel(GRACE);
            CellWork.forget(scope);
            Thread.currentThread().interrupt();
        } finally {
            finished = true;
        }
    }

    private void cancelIfInterrupted() {
        if (!finished && KernelHook.onControlChannel()) {
            cancel();
        }
    }

    private void cancel() {
        List<Handle> pending = scope.unfinished();
        if (!pending.isEmpty()) {
            List<String> left = scope.cancel(GRACE);
            System.out.println("[interrupted: cancelled " + CellScope.describe(pending)
                    + (left.isEmpty() ? "" : "; still running: " + String.join(", ", left)) + "]");
        }
        CellWork.forget(scope);
    }
}

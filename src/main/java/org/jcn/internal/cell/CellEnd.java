package org.jcn.internal.cell;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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

    // How long an interrupt waits for cancelled work to end, so its last words are printed before the kernel
    // restores System.out.
    private static final Duration GRACE = Duration.ofSeconds(2);
    // After an interrupt, the control thread pops the kernel's remaining after-request actions while the shell
    // thread is still in run(). The shell thread lingers this long so the two do not pop the stack at once.
    private static final long SETTLE_MILLIS = 200;

    private final CellScope scope;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    // Guarded by this.
    private boolean finished;
    private boolean interrupted;

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
            synchronized (this) {
                finished = !interrupted;
            }
            if (!finished) {
                cancelled.await();
                Thread.sleep(SETTLE_MILLIS);
            }
        } catch (InterruptedException e) {
            scope.cancel(GRACE);
            CellWork.forget(scope);
            Thread.currentThread().interrupt();
        }
    }

    private void cancelIfInterrupted() {
        synchronized (this) {
            if (finished || !KernelHook.onControlChannel()) {
                return;
            }
            interrupted = true;
        }
        try {
            cancel();
        } finally {
            cancelled.countDown();
        }
    }

    private void cancel() {
        List<Handle> pending = scope.unfinished();
        if (!pending.isEmpty()) {
            System.out.println("[interrupted: cancelling " + CellScope.describe(pending) + "]");
            List<String> left = scope.cancel(GRACE);
            if (!left.isEmpty()) {
                System.out.println("[still running after the interrupt: " + String.join(", ", left) + "]");
            }
        }
        CellWork.forget(scope);
    }
}

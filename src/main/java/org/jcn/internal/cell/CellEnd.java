package org.jcn.internal.cell;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.jcn.internal.cell.CellWork.Handle;

/**
 * The action the kernel runs at the end of a cell that started tracked work.
 *
 * <p>Normally it runs on the kernel's shell thread after the cell's code: it prints one line saying what it
 * waits for and waits, so the work's output lands in its own cell. An interrupt of the kernel is noticed three
 * ways, and each cancels the work: this action is run by the kernel's control channel (the interrupt came while
 * the cell's code ran); a second action that it leaves on the kernel's stack while waiting is run by the control
 * channel (the interrupt came while it waited); or the kernel has restored {@code System.out} under it (the
 * control channel ran the cell's remaining after-actions while this one ran on the shell thread). Nothing here
 * may throw: an exception would end the kernel's channel thread.
 */
final class CellEnd implements Runnable {

    private static final long POLL_MILLIS = 5;
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
        try {
            if (KernelHook.onControlChannel() || streamsRestored()) {
                cancelOnce();
                return;
            }
            List<Handle> pending = scope.unfinished();
            if (!pending.isEmpty()) {
                say("[waiting for " + CellScope.describe(pending)
                        + " started in this cell; interrupt the kernel to cancel]");
                KernelHook.schedule(this::cancelIfInterrupted);
            }
            while (!(scope.unfinished().isEmpty() && CellWork.close(scope))) {
                if (streamsRestored()) {
                    cancelOnce();
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
            boolean wasInterrupted;
            synchronized (this) {
                finished = true;
                wasInterrupted = interrupted;
            }
            if (wasInterrupted) {
                cancelled.await();
                Thread.sleep(SETTLE_MILLIS);
            }
        } catch (InterruptedException e) {
            scope.cancel(GRACE);
            CellWork.forget(scope);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            CellWork.forget(scope);
        }
    }

    private boolean streamsRestored() {
        return System.out != scope.out();
    }

    private void cancelIfInterrupted() {
        try {
            if (KernelHook.onControlChannel()) {
                cancelOnce();
            }
        } catch (RuntimeException e) {
            CellWork.forget(scope);
        }
    }

    private void cancelOnce() {
        synchronized (this) {
            if (finished || interrupted) {
                return;
            }
            interrupted = true;
        }
        try {
            List<Handle> pending = scope.unfinished();
            if (!pending.isEmpty()) {
                say("[interrupted: cancelling " + CellScope.describe(pending) + "]");
                List<String> left = scope.cancel(GRACE);
                if (!left.isEmpty()) {
                    say("[still running after the interrupt: " + String.join(", ", left) + "]");
                }
            }
            CellWork.forget(scope);
        } finally {
            cancelled.countDown();
        }
    }

    private void say(String line) {
        if (streamsRestored()) {
            return; // the kernel has finished with the cell: this would land in its log, or in a later cell
        }
        try {
            System.out.println(line);
        } catch (RuntimeException e) {
            // The kernel has already unbound the cell's output: there is nowhere left to print.
        }
    }
}

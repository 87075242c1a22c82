package org.jcn.internal.cell;

/**
 * The one place that talks to the rapaio Java kernel.
 *
 * <p>Touching the kernel's {@code MainApp} class in a JVM that is not the kernel would run its static
 * initializer, which builds a whole kernel. So the kernel's classes are only ever reached through
 * {@link RapaioChannels}, a class that is loaded only after {@link #available()} has confirmed that this JVM
 * was started as the kernel.
 */
final class KernelHook {

    private static final String CONTROL_CHANNEL = "org.rapaio.jupyter.kernel.channels.ControlChannel";
    private static final boolean IN_KERNEL = detect();

    private KernelHook() {
    }

    /** Whether this JVM is the rapaio kernel and its per-request hook can be used. */
    static boolean available() {
        return IN_KERNEL;
    }

    /** Schedules the end-of-cell action for a new scope: it runs once the current cell's code has finished. */
    static void atEndOfCell(CellScope scope) {
        schedule(new CellEnd(scope));
    }

    /** Pushes an action onto the kernel's stack of actions run after the current request. */
    static void schedule(Runnable action) {
        RapaioChannels.scheduleAfter(action);
    }

    /**
     * Whether the calling code runs on the kernel's control channel. The kernel runs the pending after-request
     * actions there when it handles an interrupt or a shutdown request; on the shell channel when a cell ends.
     */
    static boolean onControlChannel() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(CONTROL_CHANNEL)));
    }

    private static boolean detect() {
        if (!org.jcn.internal.Kernels.isRapaio()) {
            return false;
        }
        try {
            return RapaioChannels.connected();
        } catch (LinkageError | RuntimeException e) {
            // A kernel of another version: no hook rather than a broken cell.
            return false;
        }
    }
}

package org.jcn.internal.cell;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;

/**
 * Direct calls into rapaio-jupyter-kernel 3.0.x. Loaded only inside the kernel (see {@link KernelHook}).
 *
 * <p>{@code Channels.scheduleAfter} pushes onto a stack that the kernel pops after it has evaluated a cell's
 * code: after sending the execute reply, but before it flushes the cell's output, unbinds it and restores
 * {@code System.out}. So an action pushed during a cell can still print into that cell.
 */
final class RapaioChannels {

    private RapaioChannels() {
    }

    static boolean connected() {
        return MainApp.kernel != null && MainApp.kernel.channels() != null;
    }

    static void scheduleAfter(Runnable action) {
        Channels channels = MainApp.kernel.channels();
        channels.scheduleAfter(action);
    }
}

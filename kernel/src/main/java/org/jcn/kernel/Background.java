package org.jcn.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Work that outlives its cell: threads that still run cell code between cells. An interrupt while no cell runs
 * stops them (threads of the library itself, such as the local HTTP server's loops, run no cell code and are
 * left alone).
 */
final class Background {

    private Background() {
    }

    /** Interrupts every thread that runs code a cell defined; returns how many. */
    static int stop() {
        List<Thread> threads = new ArrayList<>(CellThreads.platform(Cell.CELLS));
        threads.addAll(CellThreads.virtualSince(0));
        int stopped = 0;
        for (Thread thread : threads) {
            if (thread.isAlive() && CellRunner.runsCellCode(thread)) {
                thread.interrupt();
                stopped++;
            }
        }
        return stopped;
    }
}

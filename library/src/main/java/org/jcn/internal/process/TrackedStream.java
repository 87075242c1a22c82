package org.jcn.internal.process;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The child's stderr: remembers whether user code wrote to it since the last marker line (see {@link Frames}).
 *
 * <p>Runs in the child on its start-up path: no lambdas, no string concatenation (see {@link ChildMain}).
 */
final class TrackedStream extends OutputStream {
    private final OutputStream target;
    volatile boolean written;

    TrackedStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        written = true;
        target.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        written = true;
        target.write(b, off, len);
    }

    synchronized void writeMarker(byte[] marker) throws IOException {
        target.write(marker);
        written = false;
    }
}

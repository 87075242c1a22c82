package org.jcn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's {@code System.in}: a read asks the front end for a line (an {@code input_request} on the stdin
 * channel) for the cell the reading thread works for. A cell whose request does not allow input (nbconvert, for
 * instance) reads end of input instead of hanging.
 */
final class Input extends InputStream {

    private final StdinSocket stdin;
    private byte[] line = new byte[0]; // guarded by this
    private int position;

    Input(StdinSocket stdin) {
        this.stdin = stdin;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - position;
    }

    private boolean fill() throws IOException {
        if (position < line.length) {
            return true;
        }
        Cell cell = Cells.owner();
        if (cell == null || !cell.stdinAllowed() || cell.ended()) {
            return false;
        }
        line = (stdin.ask(cell.request, "", false) + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}

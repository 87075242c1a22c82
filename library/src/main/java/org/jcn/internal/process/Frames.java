package org.jcn.internal.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The control channel between a parent JVM and a child JVM: typed frames on the child's stdin and stdout.
 *
 * Frames, parent to child (the child's stdin):
 *   TASK    a task: see TaskFrame, which alone writes and reads it
 *   CLASS   bytes classFile (length -1: not found), the answer to a LOAD
 *   End of stream means "stop".
 * Frames, child to parent (the child's stdout), after an int HELLO:
 *   OUT     bytes: what the task printed to System.out
 *   LOAD    int loaderId, utf className (a class the child's class path does not have)
 *   RESULT  int taskId, int stderrMarker, bytes value
 *   FAILURE int taskId, int stderrMarker, bytes throwable
 * "bytes" is an int length followed by that many bytes. Prints to System.out travel in order with the results;
 * the child's stderr stays a plain stream (the JVM itself may write there), so a task that wrote to it ends
 * with a marker line there, whose number (stderrMarker, 0 for none) the parent waits for before it reports the
 * result. Anything else on stdout before HELLO (a JVM that failed to start) is taken as error text.
 */
final class Frames {

    static final byte TASK = 'T';
    static final byte CLASS = 'C';
    static final int HELLO = 0x4A434E31; // "JCN1"
    static final byte OUT = 'O';
    static final byte LOAD = 'L';
    static final byte RESULT = 'R';
    static final byte FAILURE = 'F';

    /** Starts a marker line: ASCII record separator, never printed by ordinary text. */
    static final byte MARK = 0x1E;
    static final String MARK_PREFIX = "\u001Ejcn-sync:";

    private Frames() {
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}

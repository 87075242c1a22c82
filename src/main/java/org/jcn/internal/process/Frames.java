package org.jcn.internal.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The control channel between a parent JVM and a child JVM: a loopback socket carrying typed frames.
 *
 * Frames, parent to child:
 *   TASK    int taskId, int loaderId, int functionId, utf remotePackages, bytes function (empty: reuse the
 *           cached one), bytes argument (length -1: none). remotePackages (comma separated) are the packages
 *           whose classes the loader defines itself, such as JShell's REPL: the child asks for those first.
 *   CLASS   bytes classFile (length -1: not found), the answer to a LOAD
 * Frames, child to parent:
 *   HELLO   utf token (first frame; proves the connection comes from the child that was started)
 *   LOAD    int loaderId, utf className (a class the child's class path does not have)
 *   RESULT  int taskId, int outputSeq, byte outputStreams, bytes value
 *   FAILURE int taskId, int outputSeq, byte outputStreams, bytes throwable
 * "bytes" is an int length followed by that many bytes. outputSeq/outputStreams say which output markers the
 * child wrote to its stdout (bit 1) and stderr (bit 2) after the task, so the parent can wait until everything
 * the task printed has been copied before it reports the result. End of stream means "stop".
 * The child's stdout and stderr carry only what user code prints, plus those marker lines.
 */
final class Frames {

    static final byte TASK = 'T';
    static final byte CLASS = 'C';
    static final byte HELLO = 'H';
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

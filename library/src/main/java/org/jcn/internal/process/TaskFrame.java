package org.jcn.internal.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One task as it travels from the parent to a child: the one definition of the TASK frame, which the parent
 * writes ({@link ChildJvm}) and the child reads ({@link ChildMain}), so a new field is added here and nowhere else.
 *
 * <p>A child keeps the last function it decoded. A frame whose {@code function} is empty asks it to reuse that one
 * ({@link #reusesFunction()}); {@link ChildJvm} decides when to send one, by the function's number. Read by the
 * child on its start-up path, so written without lambdas or string concatenation (see {@link ChildMain}).
 *
 * @param taskId         the task's number, which its RESULT or FAILURE frame carries back
 * @param loaderId       the parent's class loader the task's classes resolve in (see {@link Loaders})
 * @param functionId     the function's number; tasks of one {@code map} share it
 * @param remotePackages the packages (comma separated) whose classes the child fetches from that loader, such as
 *                       JShell's REPL package
 * @param function       the encoded function (see {@link Codec}), or empty to reuse the child's copy of
 *                       {@code functionId}
 * @param argument       the encoded argument, or null for a task without one
 */
record TaskFrame(int taskId, int loaderId, int functionId, String remotePackages, byte[] function,
                 byte[] argument) {

    private static final byte[] REUSE = new byte[0];

    /** The same task, asking the child to reuse the function it already holds. */
    TaskFrame reusingFunction() {
        return new TaskFrame(taskId, loaderId, functionId, remotePackages, REUSE, argument);
    }

    /** Whether the child should run its cached copy of {@link #functionId()} instead of decoding a function. */
    boolean reusesFunction() {
        return function.length == 0;
    }

    /** Writes the frame, its type byte first. */
    void write(DataOutputStream out) throws IOException {
        out.writeByte(Frames.TASK);
        out.writeInt(taskId);
        out.writeInt(loaderId);
        out.writeInt(functionId);
        out.writeUTF(remotePackages);
        Frames.writeBytes(out, function);
        Frames.writeBytes(out, argument);
    }

    /** Reads the rest of a frame whose type byte {@link Frames#TASK} has just been read. */
    static TaskFrame read(DataInputStream in) throws IOException {
        int taskId = in.readInt();
        int loaderId = in.readInt();
        int functionId = in.readInt();
        String remotePackages = in.readUTF();
        byte[] function = Frames.readBytes(in);
        return new TaskFrame(taskId, loaderId, functionId, remotePackages, function == null ? REUSE : function,
                Frames.readBytes(in));
    }
}

package org.jcn.kernel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.jcn.internal.cell.SystemExit;

/**
 * Rewrites the calls to {@code System.exit(int)} in a class a cell defined into calls to {@link SystemExit#exit}.
 *
 * <p>A call site names its target through a {@code CONSTANT_Methodref} entry of the class's constant pool: the
 * class {@code java/lang/System} and the name and type {@code exit:(I)V}. This appends a class entry for
 * {@code org/jcn/internal/cell/SystemExit} to the pool and points those method references at it, which retargets every
 * call and method reference ({@code System::exit}) without touching the code itself: both methods are static with
 * the same descriptor. A class without such a reference is returned as it is. Done on the class file's bytes (see
 * {@link ConstantPool} for why).
 */
final class ExitCalls {

    private static final String SYSTEM = "java/lang/System";
    private static final String TARGET = SystemExit.class.getName().replace('.', '/');

    private ExitCalls() {
    }

    /** The class file with its {@code System.exit(int)} calls retargeted, or the same array if it has none. */
    static byte[] retarget(byte[] classFile) {
        try {
            return rewrite(classFile);
        } catch (IOException | RuntimeException e) {
            Log.info("cannot read a cell's class file to retarget System.exit: " + e);
            return classFile;
        }
    }

    private static byte[] rewrite(byte[] bytes) throws IOException {
        ConstantPool pool = ConstantPool.read(bytes);
        if (pool == null) {
            return bytes;
        }
        int count = pool.count;
        int poolEnd = pool.end;
        List<Integer> exitRefs = pool.methodRefs(SYSTEM, "exit", "(I)V");
        if (exitRefs.isEmpty()) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        int classIndex = count + 1; // the new Utf8 entry is at count, its class entry after it
        for (int ref : exitRefs) {
            copy[pool.offset(ref)] = (byte) (classIndex >> 8);
            copy[pool.offset(ref) + 1] = (byte) classIndex;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
        DataOutputStream data = new DataOutputStream(out);
        data.write(copy, 0, 8);
        data.writeShort(count + 2);
        data.write(copy, 10, poolEnd - 10);
        data.writeByte(1);
        data.writeUTF(TARGET);
        data.writeByte(7);
        data.writeShort(count);
        data.write(copy, poolEnd, copy.length - poolEnd);
        data.flush();
        return out.toByteArray();
    }
}

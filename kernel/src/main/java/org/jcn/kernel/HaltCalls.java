package org.jcn.kernel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.jcn.internal.cell.SystemExit;

/**
 * Rewrites the calls to {@code Runtime.halt(int)} in a class a cell defined into calls to {@link
 * SystemExit#halt(Runtime, int)}, which says in the cell why the kernel ends before it halts. A halt runs no shutdown
 * hook, so nothing else in the kernel's JVM can tell (JDK 24 and later have no security manager to ask either).
 *
 * <p>{@code halt} is an instance method: its call is {@code invokevirtual Runtime.halt:(I)V}, which takes the
 * runtime and the status from the stack. {@code invokestatic SystemExit.halt:(Ljava/lang/Runtime;I)V} takes the same
 * two and is as long (3 bytes), so each such instruction is replaced in place: no jump offset or stack map changes.
 * The new method reference is appended to the constant pool; a method reference {@code runtime::halt} (a method
 * handle of kind invokeVirtual) becomes a handle of kind invokeStatic on the same target. A class without a call to
 * {@code halt} is returned as it is.
 */
final class HaltCalls {

    private static final String RUNTIME = "java/lang/Runtime";
    private static final String TARGET = SystemExit.class.getName().replace('.', '/');
    private static final int INVOKEVIRTUAL = 0xB6;
    private static final int INVOKESTATIC = 0xB8;
    private static final int REF_INVOKE_VIRTUAL = 5;
    private static final int REF_INVOKE_STATIC = 6;
    private static final int ADDED_ENTRIES = 6;

    private HaltCalls() {
    }

    /** The class file with its {@code Runtime.halt(int)} calls retargeted, or the same array if it has none. */
    static byte[] retarget(byte[] classFile) {
        try {
            return rewrite(classFile);
        } catch (IOException | RuntimeException e) {
            Log.info("cannot read a cell's class file to retarget Runtime.halt: " + e);
            return classFile;
        }
    }

    private static byte[] rewrite(byte[] bytes) throws IOException {
        ConstantPool pool = ConstantPool.read(bytes);
        List<Integer> haltRefs = pool == null ? List.of() : pool.methodRefs(RUNTIME, "halt", "(I)V");
        if (haltRefs.isEmpty()) {
            return bytes;
        }
        int target = pool.count + ADDED_ENTRIES - 1; // the Methodref is the last entry appended
        byte[] copy = bytes.clone();
        for (int i = 1; i < pool.count; i++) {
            if (pool.tag(i) == ConstantPool.METHOD_HANDLE && pool.refs(i)[0] == REF_INVOKE_VIRTUAL
                    && haltRefs.contains(pool.refs(i)[1])) {
                copy[pool.offset(i)] = REF_INVOKE_STATIC;
                putShort(copy, pool.offset(i) + 1, target);
            }
        }
        ClassBody.codes(copy, pool, (start, length) -> retargetCalls(copy, start, length, haltRefs, target));
        return withEntries(copy, pool);
    }

    // Replaces each invokevirtual of a halt reference in code[start, start + length) by an invokestatic of target.
    private static void retargetCalls(byte[] code, int start, int length, List<Integer> haltRefs, int target) {
        for (int pc = 0; pc < length; pc += ClassBody.instructionLength(code, start, pc)) {
            if ((code[start + pc] & 0xFF) == INVOKEVIRTUAL && haltRefs.contains(ClassBody.u2(code, start + pc + 1))) {
                code[start + pc] = (byte) INVOKESTATIC;
                putShort(code, start + pc + 1, target);
            }
        }
    }

    // The class file with the target's entries appended to the pool: its class, name, descriptor and Methodref.
    private static byte[] withEntries(byte[] copy, ConstantPool pool) throws IOException {
        int first = pool.count;
        ByteArrayOutputStream out = new ByteArrayOutputStream(copy.length + 96);
        DataOutputStream data = new DataOutputStream(out);
        data.write(copy, 0, 8);
        data.writeShort(pool.count + ADDED_ENTRIES);
        data.write(copy, 10, pool.end - 10);
        data.writeByte(ConstantPool.UTF8);
        data.writeUTF(TARGET); // first
        data.writeByte(ConstantPool.CLASS);
        data.writeShort(first); // first + 1
        data.writeByte(ConstantPool.UTF8);
        data.writeUTF("halt"); // first + 2
        data.writeByte(ConstantPool.UTF8);
        data.writeUTF("(Ljava/lang/Runtime;I)V"); // first + 3
        data.writeByte(ConstantPool.NAME_AND_TYPE);
        data.writeShort(first + 2);
        data.writeShort(first + 3); // first + 4
        data.writeByte(ConstantPool.METHODREF);
        data.writeShort(first + 1);
        data.writeShort(first + 4); // first + 5
        data.write(copy, pool.end, copy.length - pool.end);
        data.flush();
        return out.toByteArray();
    }

    private static void putShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >> 8);
        bytes[at + 1] = (byte) value;
    }
}

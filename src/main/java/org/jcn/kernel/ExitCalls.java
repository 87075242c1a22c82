package org.jcn.kernel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the calls to {@code System.exit(int)} in a class a cell defined into calls to {@link SystemExit#exit}.
 *
 * <p>A call site names its target through a {@code CONSTANT_Methodref} entry of the class's constant pool: the
 * class {@code java/lang/System} and the name and type {@code exit:(I)V}. This appends a class entry for
 * {@code org/jcn/kernel/SystemExit} to the pool and points those method references at it, which retargets every
 * call and method reference ({@code System::exit}) without touching the code itself: both methods are static with
 * the same descriptor. A class without such a reference is returned as it is. Done on the class file's bytes,
 * because the JDK's class-file API is final only from JDK 24 and the kernel runs on 21.
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
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            return bytes;
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] offsets = new int[count]; // where each entry's body starts
        String[] utf8 = new String[count];
        int[][] refs = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            offsets[i] = bytes.length - in.available();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> refs[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        int poolEnd = bytes.length - in.available();
        List<Integer> exitRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 10 && SYSTEM.equals(className(refs[i][0], tags, refs, utf8))) {
                int[] nameAndType = refs[refs[i][1]];
                if ("exit".equals(utf8[nameAndType[0]]) && "(I)V".equals(utf8[nameAndType[1]])) {
                    exitRefs.add(i);
                }
            }
        }
        if (exitRefs.isEmpty()) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        int classIndex = count + 1; // the new Utf8 entry is at count, its class entry after it
        for (int ref : exitRefs) {
            copy[offsets[ref]] = (byte) (classIndex >> 8);
            copy[offsets[ref] + 1] = (byte) classIndex;
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

    private static String className(int classEntry, int[] tags, int[][] refs, String[] utf8) {
        return tags[classEntry] == 7 ? utf8[refs[classEntry][0]] : null;
    }
}

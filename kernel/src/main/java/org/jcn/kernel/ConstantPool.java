package org.jcn.kernel;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constant pool of a class file, read as far as the kernel's rewrites of a cell's calls need it ({@link
 * ExitCalls}, {@link HaltCalls}): each entry's tag, where its body starts, its text (Utf8 entries) and the entries it
 * refers to. Read from the bytes because the JDK's class-file API is final only from JDK 24 and the kernel runs on 21.
 */
final class ConstantPool {

    static final int UTF8 = 1;
    static final int CLASS = 7;
    static final int METHODREF = 10;
    static final int NAME_AND_TYPE = 12;
    static final int METHOD_HANDLE = 15;

    /** The number of entries plus one, as the class file counts them. */
    final int count;
    /** Where the pool ends in the class file: the access flags follow. */
    final int end;
    private final int[] tags;
    private final int[] offsets;
    private final String[] utf8;
    private final int[][] refs;

    private ConstantPool(int count, int end, int[] tags, int[] offsets, String[] utf8, int[][] refs) {
        this.count = count;
        this.end = end;
        this.tags = tags;
        this.offsets = offsets;
        this.utf8 = utf8;
        this.refs = refs;
    }

    /** The pool of {@code bytes}, or null when they are not a class file. */
    static ConstantPool read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            return null;
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] offsets = new int[count];
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
        return new ConstantPool(count, bytes.length - in.available(), tags, offsets, utf8, refs);
    }

    /** The Methodref entries naming {@code owner.name} with {@code descriptor} (internal names: java/lang/System). */
    List<Integer> methodRefs(String owner, String name, String descriptor) {
        List<Integer> found = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == METHODREF && tags[refs[i][0]] == CLASS && owner.equals(utf8[refs[refs[i][0]][0]])) {
                int[] nameAndType = refs[refs[i][1]];
                if (name.equals(utf8[nameAndType[0]]) && descriptor.equals(utf8[nameAndType[1]])) {
                    found.add(i);
                }
            }
        }
        return found;
    }

    /** Where the body of entry {@code index} starts (after its tag byte). */
    int offset(int index) {
        return offsets[index];
    }

    int tag(int index) {
        return tags[index];
    }

    /** The entries entry {@code index} refers to (for a MethodHandle: its kind, then its reference). */
    int[] refs(int index) {
        return refs[index];
    }

    /** The text of a Utf8 entry; null for another kind. */
    String utf8(int index) {
        return utf8[index];
    }
}

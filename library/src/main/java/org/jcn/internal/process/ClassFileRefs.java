package org.jcn.internal.process;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one method's bytecode refers to: the static fields it reads and writes, the methods it calls, and the
 * methods its lambdas are made of. A minimal class-file reader (JVMS chapter 4) for {@link CellVariables}; the
 * JDK's own class-file API ({@code java.lang.classfile}) needs Java 24, and this library runs on 21. When the floor
 * reaches 24, this class gives way to that API. ASM was not taken instead: it would put one more jar on the class
 * path of every kernel and child JVM (their start is measured), for the few instructions read here.
 */
final class ClassFileRefs {

    /** A field or method: its class (internal form, {@code REPL/$JShell$11}), name and descriptor. */
    record Ref(String owner, String name, String descriptor) {
    }

    /** The references of one method. */
    record Refs(List<Ref> staticReads, List<Ref> staticWrites, List<Ref> calls) {
    }

    private static final int GETSTATIC = 0xb2;
    private static final int PUTSTATIC = 0xb3;
    private static final int INVOKEVIRTUAL = 0xb6;
    private static final int INVOKEINTERFACE = 0xb9;
    private static final int INVOKEDYNAMIC = 0xba;
    private static final int TABLESWITCH = 0xaa;
    private static final int LOOKUPSWITCH = 0xab;
    private static final int WIDE = 0xc4;

    /** Instruction lengths in bytes, by opcode; 0 where the length varies (the two switches, wide). */
    private static final byte[] LENGTH = new byte[256];

    static {
        java.util.Arrays.fill(LENGTH, (byte) 1);
        for (int op : new int[] {0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc}) {
            LENGTH[op] = 2;
        }
        for (int op = 0x99; op <= 0xa8; op++) {
            LENGTH[op] = 3; // conditional branches, goto, jsr
        }
        for (int op : new int[] {0x11, 0x13, 0x14, 0x84, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0,
                0xc1, 0xc6, 0xc7}) {
            LENGTH[op] = 3;
        }
        LENGTH[0xc5] = 4;
        LENGTH[0xb9] = 5;
        LENGTH[0xba] = 5;
        LENGTH[0xc8] = 5;
        LENGTH[0xc9] = 5;
        LENGTH[TABLESWITCH] = 0;
        LENGTH[LOOKUPSWITCH] = 0;
        LENGTH[WIDE] = 0;
    }

    private final Object[] pool;  // the constant pool: String for Utf8, int[] of indices for the rest
    private final int[] tags;
    private final List<byte[]> bootstrapArguments = new ArrayList<>(); // per bootstrap method: u2 indices
    private final java.util.Map<String, byte[]> code = new java.util.HashMap<>(); // "name descriptor" -> Code

    private ClassFileRefs(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readInt(); // minor and major version
        int count = in.readUnsignedShort();
        pool = new Object[count];
        tags = new int[count];
        for (int i = 1; i < count; i++) {
            tags[i] = in.readUnsignedByte();
            switch (tags[i]) {
                case 1 -> pool[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> { in.readLong(); i++; } // takes two slots
                case 7, 8, 16, 19, 20 -> pool[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> pool[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                default -> throw new IOException("unknown constant tag " + tags[i]);
            }
        }
        in.skipNBytes(6); // access flags, this class, super class
        in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
        for (int members = 0; members < 2; members++) { // fields, then methods
            for (int n = in.readUnsignedShort(); n > 0; n--) {
                in.readUnsignedShort();
                String key = pool[in.readUnsignedShort()] + " " + pool[in.readUnsignedShort()];
                for (int a = in.readUnsignedShort(); a > 0; a--) {
                    String attribute = (String) pool[in.readUnsignedShort()];
                    byte[] body = in.readNBytes(in.readInt());
                    if (members == 1 && attribute.equals("Code")) {
                        code.put(key, body);
                    }
                }
            }
        }
        for (int a = in.readUnsignedShort(); a > 0; a--) {
            String attribute = (String) pool[in.readUnsignedShort()];
            byte[] body = in.readNBytes(in.readInt());
            if (attribute.equals("BootstrapMethods")) {
                DataInputStream methods = new DataInputStream(new ByteArrayInputStream(body));
                for (int m = methods.readUnsignedShort(); m > 0; m--) {
                    methods.readUnsignedShort();
                    bootstrapArguments.add(methods.readNBytes(2 * methods.readUnsignedShort()));
                }
            }
        }
    }

    /**
     * The references of method {@code name} with {@code descriptor} in a class file.
     *
     * @return the references, or null if the class has no such method with code
     * @throws IOException if the bytes are not a class file this reader understands
     */
    static Refs of(byte[] classFile, String name, String descriptor) throws IOException {
        ClassFileRefs file = new ClassFileRefs(classFile);
        return file.refs(file.code.get(name + " " + descriptor));
    }

    private Refs refs(byte[] attribute) throws IOException {
        if (attribute == null) {
            return null;
        }
        List<Ref> reads = new ArrayList<>();
        List<Ref> writes = new ArrayList<>();
        List<Ref> calls = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(attribute));
        in.skipNBytes(4); // max stack, max locals
        byte[] code = in.readNBytes(in.readInt());
        for (int pc = 0; pc < code.length; ) {
            int op = code[pc] & 0xff;
            int operand = pc + 2 < code.length ? (code[pc + 1] & 0xff) << 8 | code[pc + 2] & 0xff : 0;
            switch (op) {
                case GETSTATIC -> reads.add(ref(operand));
                case PUTSTATIC -> writes.add(ref(operand));
                case INVOKEVIRTUAL, 0xb7, 0xb8, INVOKEINTERFACE -> calls.add(ref(operand));
                case INVOKEDYNAMIC -> calls.addAll(lambdaBodies(operand));
                default -> { }
            }
            pc += length(code, pc, op);
        }
        return new Refs(reads, writes, calls);
    }

    private static int length(byte[] code, int pc, int op) {
        if (op == WIDE) {
            return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
        }
        if (op == TABLESWITCH || op == LOOKUPSWITCH) {
            int at = (pc + 4) & ~3; // operands start 4-byte aligned
            if (op == TABLESWITCH) {
                return at - pc + 12 + 4 * (readInt(code, at + 8) - readInt(code, at + 4) + 1);
            }
            return at - pc + 8 + 8 * readInt(code, at + 4);
        }
        return LENGTH[op];
    }

    private static int readInt(byte[] code, int at) {
        return (code[at] & 0xff) << 24 | (code[at + 1] & 0xff) << 16 | (code[at + 2] & 0xff) << 8 | code[at + 3] & 0xff;
    }

    /** A Fieldref, Methodref or InterfaceMethodref constant as a reference. */
    private Ref ref(int index) {
        int[] member = (int[]) pool[index];
        String owner = (String) pool[((int[]) pool[member[0]])[0]];
        int[] nameAndType = (int[]) pool[member[1]];
        return new Ref(owner, (String) pool[nameAndType[0]], (String) pool[nameAndType[1]]);
    }

    /** The methods named by method-handle arguments of an invokedynamic's bootstrap: a lambda's body. */
    private List<Ref> lambdaBodies(int index) {
        List<Ref> bodies = new ArrayList<>();
        byte[] arguments = bootstrapArguments.get(((int[]) pool[index])[0]);
        for (int i = 0; i < arguments.length; i += 2) {
            int argument = (arguments[i] & 0xff) << 8 | arguments[i + 1] & 0xff;
            if (tags[argument] == 15) { // MethodHandle
                bodies.add(ref(((int[]) pool[argument])[1]));
            }
        }
        return bodies;
    }
}

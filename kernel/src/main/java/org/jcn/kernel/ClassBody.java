package org.jcn.kernel;

/**
 * Finds the code of each method in a class file and steps through its instructions, for {@link HaltCalls}, which
 * replaces instructions in place. Only what that needs: the fields' and methods' attributes are skipped by their
 * length, and an instruction's length comes from its opcode (the switches and {@code wide} from their operands).
 */
final class ClassBody {

    /** Receives the code array of one method: where it starts in the class file and how long it is. */
    interface CodeVisitor {
        void code(int start, int length);
    }

    private static final byte[] LENGTHS = lengths();

    private ClassBody() {
    }

    /** Calls {@code visitor} with the code of every method of the class file {@code bytes}. */
    static void codes(byte[] bytes, ConstantPool pool, CodeVisitor visitor) {
        int at = pool.end + 6; // access flags, this class, super class
        at += 2 + 2 * u2(bytes, at); // interfaces
        for (int kind = 0; kind < 2; kind++) { // fields, then methods
            int members = u2(bytes, at);
            at += 2;
            for (int m = 0; m < members; m++) {
                int attributes = u2(bytes, at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    int length = s4(bytes, at + 2);
                    if (kind == 1 && "Code".equals(pool.utf8(u2(bytes, at)))) {
                        visitor.code(at + 14, s4(bytes, at + 10)); // after max stack, max locals, code length
                    }
                    at += 6 + length;
                }
            }
        }
    }

    /** The length of the instruction at {@code pc} of the code that starts at {@code start}. */
    static int instructionLength(byte[] code, int start, int pc) {
        int op = code[start + pc] & 0xFF;
        int pad = 3 - pc % 4; // a switch's operands start at a multiple of 4 from the code's start
        return switch (op) {
            case 0xAA -> { // tableswitch: default, low, high, then high - low + 1 offsets
                int operands = start + pc + 1 + pad;
                yield 1 + pad + 12 + 4 * (s4(code, operands + 8) - s4(code, operands + 4) + 1);
            }
            case 0xAB -> 1 + pad + 8 + 8 * s4(code, start + pc + 1 + pad + 4); // lookupswitch: default, n, n pairs
            case 0xC4 -> (code[start + pc + 1] & 0xFF) == 0x84 ? 6 : 4;
            default -> LENGTHS[op];
        };
    }

    static int u2(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    private static int s4(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
    }

    // The JVM specification's instruction lengths (opcode included); 1 for those not listed.
    private static byte[] lengths() {
        byte[] lengths = new byte[256];
        java.util.Arrays.fill(lengths, (byte) 1);
        set(lengths, 2, 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3A, 0xA9, 0xBC);
        set(lengths, 3, 0x11, 0x13, 0x14, 0x84, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xBB, 0xBD, 0xC0, 0xC1,
                0xC6, 0xC7);
        for (int op = 0x99; op <= 0xA8; op++) {
            lengths[op] = 3; // the conditional jumps, goto and jsr
        }
        set(lengths, 4, 0xC5);
        set(lengths, 5, 0xB9, 0xBA, 0xC8, 0xC9);
        return lengths;
    }

    private static void set(byte[] lengths, int length, int... ops) {
        for (int op : ops) {
            lengths[op] = (byte) length;
        }
    }
}

package org.jcn.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OutputPumpTest {

    private static String pump(String childWrote, OutputPump[] pumpOut) throws InterruptedException {
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(copied, true, StandardCharsets.UTF_8);
        OutputPump pump = new OutputPump(new ByteArrayInputStream(childWrote.getBytes(StandardCharsets.UTF_8)),
                () -> target);
        pump.run();
        pumpOut[0] = pump;
        return copied.toString(StandardCharsets.UTF_8);
    }

    @Test
    void markerLinesAreCountedAndNeverCopied() throws InterruptedException {
        OutputPump[] pump = new OutputPump[1];
        String copied = pump("one\n" + Frames.MARK_PREFIX + "1\ntwo, no newline" + Frames.MARK_PREFIX + "2\nthree",
                pump);
        assertEquals("one\ntwo, no newlinethree", copied);
        pump[0].awaitMarker(2); // returns: both markers were seen
        assertTrue(pump[0].awaitEnd(1));
        assertEquals("one\ntwo, no newline\nthree", pump[0].tail());
    }

    @Test
    void aPartialLineEndsOnlyAtACompleteCharacter() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 'a' then three bytes
        assertEquals(4, OutputPump.completeUtf8Length(euro));
        assertEquals(1, OutputPump.completeUtf8Length(java.util.Arrays.copyOf(euro, 3)));
        assertEquals(1, OutputPump.completeUtf8Length(java.util.Arrays.copyOf(euro, 2)));
        assertEquals(1, OutputPump.completeUtf8Length(java.util.Arrays.copyOf(euro, 1)));
    }
}

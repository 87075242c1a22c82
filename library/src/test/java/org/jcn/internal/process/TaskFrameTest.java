package org.jcn.internal.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

import org.junit.jupiter.api.Test;

/** The task frame as the parent writes it ({@code ChildJvm}) and the child reads it ({@code ChildMain}). */
class TaskFrameTest {

    @Test
    void theChildReadsBackEveryFieldThatTheParentWrote() throws Exception {
        TaskFrame sent = new TaskFrame(41, 7, 1_000_003, "REPL,org.example.cells", new byte[] {1, 2, 3},
                new byte[] {9, 8});
        TaskFrame read = roundTrip(sent);
        // Every component, by reflection: a field added to the frame and left out of write or read fails here.
        for (RecordComponent component : TaskFrame.class.getRecordComponents()) {
            Object expected = component.getAccessor().invoke(sent);
            Object actual = component.getAccessor().invoke(read);
            assertTrue(Objects.deepEquals(expected, actual), component.getName() + ": sent " + describe(expected)
                    + ", read " + describe(actual));
        }
        assertFalse(read.reusesFunction());
    }

    @Test
    void aTaskWithoutArgumentAndAReusedFunctionTravelAsSuch() throws Exception {
        TaskFrame sent = new TaskFrame(2, 0, 5, "", new byte[] {4}, null).reusingFunction();
        TaskFrame read = roundTrip(sent);
        assertTrue(read.reusesFunction());
        assertEquals(0, read.function().length);
        assertNull(read.argument(), "no argument is not an empty one");
        assertEquals(5, read.functionId());
        assertEquals("", read.remotePackages());
    }

    @Test
    void framesFollowOneAnotherOnOneStream() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        new TaskFrame(1, 1, 1, "a", new byte[] {1}, new byte[0]).write(out);
        new TaskFrame(2, 1, 1, "a", new byte[0], new byte[] {2}).write(out);
        out.flush();
        var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(Frames.TASK, in.readByte());
        assertArrayEquals(new byte[0], TaskFrame.read(in).argument(), "an empty argument stays empty, not none");
        assertEquals(Frames.TASK, in.readByte());
        assertEquals(2, TaskFrame.read(in).taskId());
        assertEquals(-1, in.read(), "nothing left over");
    }

    private static TaskFrame roundTrip(TaskFrame frame) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        frame.write(out);
        out.flush();
        var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(Frames.TASK, in.readByte(), "a frame starts with its type");
        TaskFrame read = TaskFrame.read(in);
        assertEquals(-1, in.read(), "the reader takes the whole frame and no more");
        return read;
    }

    private static String describe(Object value) {
        return value instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(value);
    }
}

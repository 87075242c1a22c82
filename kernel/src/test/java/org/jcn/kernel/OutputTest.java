package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OutputTest {

    @Test
    void aUtf8CharacterCutByAWriteWaitsForItsLastBytes() {
        byte[] text = "a€".getBytes(StandardCharsets.UTF_8); // 'a' then three bytes
        assertEquals(4, Output.completeUtf8Length(text, 4));
        assertEquals(1, Output.completeUtf8Length(text, 3));
        assertEquals(1, Output.completeUtf8Length(text, 2));
        assertEquals(1, Output.completeUtf8Length(text, 1));
        assertEquals(0, Output.completeUtf8Length(text, 0));
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8); // four bytes
        assertEquals(0, Output.completeUtf8Length(emoji, 3));
        assertEquals(4, Output.completeUtf8Length(emoji, 4));
    }
}

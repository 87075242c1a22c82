package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static final String HEADER = "{\"msg_id\":\"1\",\"username\":\"u\",\"session\":\"s\","
            + "\"date\":\"2026-12-06T05:00:00.000Z\",\"msg_type\":\"kernel_info_request\",\"version\":\"5.3\"}";

    private static HMACGenerator hmac() throws Exception {
        return new HMACGenerator("hmac-sha256", "secret");
    }

    private static List<byte[]> frames(HMACGenerator signer, String header, String content) {
        byte[][] signed = {bytes(header), bytes("{}"), bytes("{}"), bytes(content)};
        List<byte[]> frames = new ArrayList<>(List.of(bytes("client"), bytes("<IDS|MSG>"),
                bytes(signer.calculateSignature(signed))));
        frames.addAll(List.of(signed));
        return frames;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedMessageIsParsed() throws Exception {
        Message<?> message = Frames.parse(frames(hmac(), HEADER, "{}"), hmac());
        assertEquals(MessageType.KERNEL_INFO_REQUEST, message.getHeader().getType());
        assertEquals("client", new String(message.getIdentities().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void aWrongSignatureIsRejected() throws Exception {
        List<byte[]> frames = frames(new HMACGenerator("hmac-sha256", "other key"), HEADER, "{}");
        var e = assertThrows(IllegalArgumentException.class, () -> Frames.parse(frames, hmac()));
        assertEquals("bad signature", e.getMessage());
    }

    @Test
    void tooFewFramesAreRejected() throws Exception {
        List<byte[]> frames = frames(hmac(), HEADER, "{}").subList(0, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> Frames.parse(frames, hmac()));
        assertTrue(e.getMessage().startsWith("too few frames: 2"), e.getMessage());
    }

    @Test
    void framesWithoutTheDelimiterAreRejected() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> Frames.parse(List.of(bytes("x")), hmac()));
        assertTrue(e.getMessage().contains("no <IDS|MSG> delimiter"), e.getMessage());
    }

    @Test
    void badJsonCorrectlySignedIsRejected() throws Exception {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Frames.parse(frames(hmac(), "{not json", "{}"), hmac()));
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    }
}

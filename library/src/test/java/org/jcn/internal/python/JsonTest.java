package org.jcn.internal.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatPythonsJsonModuleWrites() {
        Object value = Json.parse("{\"way\": \"threading\", \"workers\": 2, \"seconds\": 0.25, \"ok\": true, "
                + "\"skipped\": null, \"list\": [1, -2.5e3, \"a\\\"b\\u00e9\\n\"]}");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("way", "threading");
        expected.put("workers", 2L);
        expected.put("seconds", 0.25);
        expected.put("ok", true);
        expected.put("skipped", null);
        expected.put("list", List.of(1L, -2500.0, "a\"bé\n"));
        assertEquals(expected, value);
        assertEquals(List.of("way", "workers", "seconds", "ok", "skipped", "list"),
                List.copyOf(((Map<?, ?>) value).keySet()));
    }

    @Test
    void integersBeyondLongBecomeDoubles() {
        assertEquals(1e20, Json.parse("100000000000000000000"));
        assertEquals(Long.MAX_VALUE, Json.parse(Long.toString(Long.MAX_VALUE)));
    }

    @Test
    void writesWhatItReads() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "run");
        request.put("calls", List.of(List.of("sum_range", List.of(0L, 10L))));
        request.put("text", "tab\tquote\" back\\ \u0001");
        request.put("empty", Arrays.asList(null, false));
        String json = Json.write(request);
        assertEquals("{\"op\":\"run\",\"calls\":[[\"sum_range\",[0,10]]],\"text\":\"tab\\tquote\\\" back\\\\ \\u0001\","
                + "\"empty\":[null,false]}", json);
        assertEquals(request, Json.parse(json));
    }

    @Test
    void malformedTextIsRefusedWithItsPosition() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,}"));
        assertTrue(e.getMessage().contains("line 1 column 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1 2"));
        // Strict JSON: the Python side sends a float that is not finite as null (jcn.to_json).
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"x\": NaN}"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN)));
        assertEquals("can't write a java.lang.Object as JSON",
                assertThrows(IllegalArgumentException.class, () -> Json.write(new Object())).getMessage());
    }
}

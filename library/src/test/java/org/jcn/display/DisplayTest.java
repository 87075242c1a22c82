package org.jcn.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The display functions outside the kernel; inside it they are tested through the protocol (tests/). */
class DisplayTest {

    @Test
    void outsideTheKernelDisplayFunctionsSaySoInsteadOfFailingObscurely() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Display.display("x"));
        assertEquals("display functions work only inside the java-concurrency kernel", e.getMessage());
        assertThrows(IllegalStateException.class, Display::clearOutput);
        assertThrows(IllegalStateException.class, () -> Display.render("x"));
        assertThrows(IllegalStateException.class, () -> Display.updateDisplay("id", "x"));
    }

    @Test
    void aRenderedValuePassesAsItIsAndShowsItsText() {
        Rendered rendered = new Rendered(Map.of("text/plain", "forty-two", "text/html", "<b>42</b>"), Map.of());
        assertEquals(rendered, Display.render(rendered, "text/html"));
        assertEquals("forty-two", rendered.toString());
        assertThrows(UnsupportedOperationException.class, () -> rendered.data().put("x", "y"));
    }
}

package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuickModeTest {

    @AfterEach
    void clear() {
        System.clearProperty("jcn.quick");
    }

    @Test
    void thePropertyTurnsItOnAndChooseFollows() {
        System.setProperty("jcn.quick", "true");
        assertEquals(true, QuickMode.isOn());
        assertEquals(5, QuickMode.choose(500, 5));
        assertEquals(5L, QuickMode.choose(500L, 5L));
    }

    @Test
    void zeroOrFalseTurnsItOffWhateverTheEnvironmentSays() {
        System.setProperty("jcn.quick", "0");
        assertEquals(false, QuickMode.isOn());
        assertEquals(500, QuickMode.choose(500, 5));
        System.setProperty("jcn.quick", "false");
        assertEquals(false, QuickMode.isOn());
    }
}

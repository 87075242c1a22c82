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
    void otherValuesLeaveItToTheEnvironment() {
        System.setProperty("jcn.quick", "no");
        boolean env = "1".equals(System.getenv("JCN_QUICK")) || "true".equalsIgnoreCase(System.getenv("JCN_QUICK"));
        assertEquals(env, QuickMode.isOn());
        assertEquals(env ? 5 : 500, QuickMode.choose(500, 5));
    }
}

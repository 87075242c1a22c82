package org.jcn.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerializableFunctionTest {

    @Test
    void aLambdaSurvivesSerializationWithWhatItCaptures() throws Exception {
        int base = 3;
        SerializableFunction<Integer, Integer> target = n -> n * base;
        SerializableFunction<Integer, Integer> copy = SerializableCallableTest.roundTrip(target);
        assertNotSame(target, copy);
        assertEquals(21, copy.apply(7));
    }

}

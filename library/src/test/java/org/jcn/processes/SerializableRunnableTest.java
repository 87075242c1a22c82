package org.jcn.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerializableRunnableTest {

    @Test
    void aLambdaSurvivesSerializationWithWhatItCaptures() throws Exception {
        int base = 3;
        SerializableRunnable target = () -> { if (base != 3) { throw new AssertionError(); } };
        SerializableRunnable copy = SerializableCallableTest.roundTrip(target);
        assertNotSame(target, copy);
        copy.run();
    }

}

package org.jcn.internal.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcn.processes.SerializableCallable;
import org.jcn.processes.SerializableFunction;
import org.jcn.processes.SerializableRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CodecTest {

    private static final ClassLoader LOADER = CodecTest.class.getClassLoader();
    static final AtomicInteger RUNS = new AtomicInteger();

    private static Object roundTrip(Object value) throws Exception {
        return Codec.decode(Codec.encode(value), LOADER);
    }

    /** Encodes a target, checks it took the direct path, and calls its copy. */
    private static Object callDirect(Object target, Object argument) throws Exception {
        Object copy = Codec.decode(Codec.encodeTarget(target), LOADER);
        DirectCall call = assertInstanceOf(DirectCall.class, copy);
        return call.call(argument);
    }

    static int square(int n) {
        return n * n;
    }

    private static String shout(String text, int times) {
        return text.toUpperCase().repeat(times);
    }

    private static int fail(int n) {
        throw new IllegalStateException("no " + n);
    }

    @Test
    void plainValuesComeBackEqualAndOfTheSameClassWithoutJavaSerialization() throws Exception {
        List<Object> values = List.of(42, 42L, 4.2, 4.2f, (short) 4, (byte) 4, 'x', true, false, "naïve ✓", "");
        for (Object value : values) {
            byte[] encoded = Codec.encode(value);
            assertFalse(Codec.isSerialized(encoded), value::toString);
            Object copy = Codec.decode(encoded, LOADER);
            assertEquals(value, copy);
            assertSame(value.getClass(), copy.getClass());
        }
        assertNull(roundTrip(null));
        assertArrayEquals(new int[] {1, -2, 3}, (int[]) roundTrip(new int[] {1, -2, 3}));
        assertArrayEquals(new long[] {Long.MIN_VALUE}, (long[]) roundTrip(new long[] {Long.MIN_VALUE}));
        assertArrayEquals(new double[] {0.5, Double.NaN}, (double[]) roundTrip(new double[] {0.5, Double.NaN}));
        assertArrayEquals(new byte[] {7, 0, -1}, (byte[]) roundTrip(new byte[] {7, 0, -1}));
    }

    @Test
    void anArrayListOfPlainValuesStaysPlainAndComesBackAsAnArrayList() throws Exception {
        ArrayList<Object> inner = new ArrayList<>(List.of(1, "two"));
        ArrayList<Object> list = new ArrayList<>(List.of(3L, inner));
        list.add(null);
        byte[] encoded = Codec.encode(list);
        assertFalse(Codec.isSerialized(encoded));
        Object copy = Codec.decode(encoded, LOADER);
        assertEquals(list, copy);
        assertSame(ArrayList.class, copy.getClass());
    }

    @Test
    void otherValuesGoThroughJavaSerializationAndKeepTheirClass() throws Exception {
        record Point(int x, int y) implements Serializable {
        }
        ArrayList<Object> holdsARecord = new ArrayList<>(List.of(new Point(1, 2)));
        ArrayList<Object> holdsItself = new ArrayList<>();
        holdsItself.add(holdsItself);
        for (Object value : List.of(new Point(1, 2), List.of(1, 2), holdsARecord, new IllegalStateException("x"))) {
            byte[] encoded = Codec.encode(value);
            assertTrue(Codec.isSerialized(encoded), value::toString);
            assertSame(value.getClass(), Codec.decode(encoded, LOADER).getClass());
        }
        assertTrue(Codec.isSerialized(Codec.encode(holdsItself)));
        assertThrows(NotSerializableException.class, () -> Codec.encode(new Object()));
    }

    @Test
    void staticMethodReferencesAndCapturingLambdasAreCalledDirectly() throws Exception {
        SerializableFunction<Integer, Integer> reference = CodecTest::square;
        assertEquals(49, callDirect(reference, 7));
        String suffix = "!";
        int times = 2;
        SerializableFunction<String, String> capturing = text -> shout(text, times) + suffix;
        assertEquals("HEYHEY!", callDirect(capturing, "hey"));
        SerializableCallable<List<Integer>> callable = () -> List.of(square(3));
        assertEquals(List.of(9), callDirect(callable, "ignored"));
    }

    @Test
    void unboundInstanceMethodsAndConstructorsAreCalledDirectly() throws Exception {
        SerializableFunction<String, Integer> length = String::length;
        assertEquals(5, callDirect(length, "hello"));
        SerializableFunction<String, StringBuilder> constructor = StringBuilder::new;
        assertEquals("abc", callDirect(constructor, "abc").toString());
        String receiver = "bound";
        SerializableCallable<String> bound = receiver::toUpperCase;
        assertEquals("BOUND", callDirect(bound, null));
    }

    @Test
    void aRunnableRunsAndReturnsNothing() throws Exception {
        int before = RUNS.get();
        SerializableRunnable runnable = RUNS::incrementAndGet;
        SerializableRunnable direct = () -> RUNS.incrementAndGet();
        assertNull(callDirect(direct, null));
        assertEquals(before + 1, RUNS.get());
        // a bound method reference captures the AtomicInteger, which is serializable but not plain data
        assertTrue(Codec.isSerialized(Codec.encodeTarget(runnable)));
    }

    @Test
    void whatTheLambdaThrowsComesOutUnwrappedWithItsStackTrace() throws Exception {
        SerializableFunction<Integer, Integer> failing = CodecTest::fail;
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> callDirect(failing, 3));
        assertEquals("no 3", thrown.getMessage());
        assertEquals("fail", thrown.getStackTrace()[0].getMethodName());
    }

    @Test
    void aLambdaCapturingMoreThanPlainDataIsSerializedWhole() throws Exception {
        record Box(int value) implements Serializable {
        }
        Box box = new Box(5);
        SerializableFunction<Integer, Integer> capturesBox = n -> n + box.value();
        byte[] encoded = Codec.encodeTarget(capturesBox);
        assertTrue(Codec.isSerialized(encoded));
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> copy =
                (SerializableFunction<Integer, Integer>) Codec.decode(encoded, LOADER);
        assertEquals(8, copy.apply(3));
        Object notSerializable = new Object();
        SerializableCallable<String> capturesObject = () -> notSerializable.toString();
        assertThrows(NotSerializableException.class, () -> Codec.encodeTarget(capturesObject));
    }

    @Test
    void aNamedClassIsSerializedWhole() throws Exception {
        byte[] encoded = Codec.encodeTarget(new Named());
        assertTrue(Codec.isSerialized(encoded));
        assertEquals(12, ((Named) Codec.decode(encoded, LOADER)).apply(6));
    }

    static final class Named implements SerializableFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            return n * 2;
        }
    }
}

package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rewriting of a cell class's Runtime.halt calls, on real class files defined in a fresh class loader. The
 * calls run for real: the notice before the halt keeps its thread (a daemon) parked, so this JVM never halts.
 */
class HaltCallsTest {

    /** Halts directly and through a method reference, with switches and jumps around the calls. */
    static final class Halter {
        static void halt(int status) {
            switch (status) {
                case 1, 2, 3, 4 -> Runtime.getRuntime().halt(status);
                case 1000, 2000 -> Runtime.getRuntime().halt(status + 1);
                default -> {
                    for (int i = 0; i < 3; i++) {
                        status += i;
                    }
                    Runtime.getRuntime().halt(status);
                }
            }
        }

        static void haltByReference(int status) {
            java.util.function.IntConsumer halt = Runtime.getRuntime()::halt;
            halt.accept(status);
        }

        static long memory() {
            return Runtime.getRuntime().totalMemory(); // another Runtime call stays as it is
        }
    }

    private static final BlockingQueue<Integer> NOTICED = new ArrayBlockingQueue<>(4);

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1)
                + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Class<?> define(String name, byte[] bytes) {
        return new ClassLoader(HaltCallsTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(name, bytes, 0, bytes.length);
            }
        }.define();
    }

    private static StandInKernel kernel;

    // The kernel says why it ends: here it records the status and parks the halting thread for good.
    @BeforeAll
    static void asInTheKernel() {
        kernel = StandInKernel.attach(status -> {
            NOTICED.add(status);
            while (true) {
                LockSupport.park();
            }
        });
    }

    @AfterAll
    static void noKernel() {
        kernel.detach();
    }

    // Runs the method in a daemon thread; the notice records the status and parks that thread for good.
    private static int noticed(Method method, int status) throws InterruptedException {
        method.setAccessible(true); // another loader's class: another runtime package
        Thread.ofPlatform().daemon().start(() -> {
            try {
                method.invoke(null, status);
            } catch (ReflectiveOperationException e) {
                NOTICED.add(-1);
            }
        });
        Integer noticed = NOTICED.poll(10, TimeUnit.SECONDS);
        return noticed == null ? -2 : noticed;
    }

    @Test
    void haltCallsAndReferencesSayWhyBeforeTheyHalt() throws Exception {
        Class<?> rewritten = define(Halter.class.getName(), HaltCalls.retarget(classFile(Halter.class)));
        Method memory = rewritten.getDeclaredMethod("memory");
        memory.setAccessible(true);
        assertTrue((long) memory.invoke(null) > 0, "the class verifies; other Runtime calls still reach Runtime");
        Method halt = rewritten.getDeclaredMethod("halt", int.class);
        assertEquals(3, noticed(halt, 3));
        assertEquals(2001, noticed(halt, 2000));
        assertEquals(10, noticed(halt, 7));
        assertEquals(5, noticed(rewritten.getDeclaredMethod("haltByReference", int.class), 5));
    }

    @Test
    void aClassWithoutHaltIsLeftAsItIs() throws IOException {
        byte[] bytes = classFile(ExitCallsTest.Quiet.class);
        assertSame(bytes, HaltCalls.retarget(bytes));
        byte[] junk = {1, 2, 3};
        assertSame(junk, HaltCalls.retarget(junk));
    }
}

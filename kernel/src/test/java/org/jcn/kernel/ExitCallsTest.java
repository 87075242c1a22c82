package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.jcn.internal.cell.SystemExit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rewriting of a cell class's System.exit calls, on real class files defined in a fresh class loader. */
class ExitCallsTest {

    /** Calls System.exit directly, through a method reference, and uses System otherwise too. */
    static final class Quitter {
        static String quit(int status) {
            String before = System.lineSeparator(); // another reference to java/lang/System stays as it is
            System.exit(status);
            return before;
        }

        static void quitByReference(int status) {
            java.util.function.IntConsumer exit = System::exit;
            exit.accept(status);
        }

        static long now() {
            return System.nanoTime();
        }
    }

    /** Mentions no exit at all. */
    static final class Quiet {
        static int answer() {
            return 42;
        }
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1)
                + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Class<?> define(String name, byte[] bytes) {
        return new ClassLoader(ExitCallsTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(name, bytes, 0, bytes.length);
            }
        }.define();
    }

    private static Throwable thrownBy(Method method, Object... args) {
        method.setAccessible(true); // another loader's class: another runtime package
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> method.invoke(null, args));
        return e.getCause();
    }

    // Without a running kernel a rewritten call ends the JVM, this test's included.
    private static StandInKernel kernel;

    @BeforeAll
    static void asInTheKernel() {
        kernel = StandInKernel.attach(status -> { });
    }

    @AfterAll
    static void asAnywhereElse() {
        kernel.detach();
    }

    @Test
    void exitCallsAndReferencesThrowSystemExitWithTheStatus() throws Exception {
        Class<?> rewritten = define(Quitter.class.getName(), ExitCalls.retarget(classFile(Quitter.class)));
        Throwable direct = thrownBy(rewritten.getDeclaredMethod("quit", int.class), 4);
        assertEquals(SystemExit.class, direct.getClass());
        assertEquals(4, ((SystemExit) direct).status());
        assertEquals("quit", direct.getStackTrace()[0].getMethodName(), "the trace starts at the caller");
        Throwable byReference = thrownBy(rewritten.getDeclaredMethod("quitByReference", int.class), 9);
        assertEquals(9, ((SystemExit) byReference).status());
        Method now = rewritten.getDeclaredMethod("now");
        now.setAccessible(true);
        long before = System.nanoTime();
        assertTrue((long) now.invoke(null) >= before, "other System calls still reach System");
    }

    @Test
    void aClassWithoutExitIsLeftAsItIs() throws IOException {
        byte[] bytes = classFile(Quiet.class);
        assertSame(bytes, ExitCalls.retarget(bytes));
        byte[] quitter = classFile(Quitter.class);
        assertNotSame(quitter, ExitCalls.retarget(quitter));
    }

    @Test
    void bytesThatAreNoClassFileAreLeftAsTheyAre() {
        byte[] junk = {1, 2, 3};
        assertSame(junk, ExitCalls.retarget(junk));
    }
}

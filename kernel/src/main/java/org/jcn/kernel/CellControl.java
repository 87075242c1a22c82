package org.jcn.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution, as the JDK provides it, plus what a notebook kernel needs: the value of a
 * snippet as an object (to render a chart, not its {@code toString}), a stop switch that also works after the
 * cell's own code has returned, and a snippet run that waits for the snippet's own thread only
 * ({@link SnippetThread} says why).
 *
 * <p>The JDK's {@link LocalExecutionControl} weaves a stop check into every class a cell defines (since JDK 20);
 * {@code JShell.stop()} turns it on only while the snippet's own code runs. {@link #stopCellCode()} turns it on
 * whenever asked, so code of the cell that still runs in threads it started stops at its next check too. The
 * switch is the public static {@code allStop} field of the generated class {@code REPL.$Cancel$}; the next
 * snippet resets it.
 */
final class CellControl extends LocalExecutionControl {

    private static final String CANCEL_CLASS = "REPL.$Cancel$";
    private static final Method RUN;
    private static final Method NOTHING;
    // Static because the JDK invokes the snippet through a static Method (runSnippet), which takes no arguments:
    // the snippet to run and its value pass through these, on the one kernel's cell runner thread.
    private static final AtomicReference<Method> NEXT = new AtomicReference<>();
    private static final AtomicReference<Object> VALUE = new AtomicReference<>();
    // Set by a stop, cleared when the next cell begins: a snippet that had not started yet when the stop came
    // (JShell was still compiling it) must not start afterwards, because JShell clears its own switch then.
    private static volatile boolean stopping;

    static {
        try {
            RUN = CellControl.class.getDeclaredMethod("runSnippet");
            RUN.setAccessible(true);
            NOTHING = CellControl.class.getDeclaredMethod("nothing");
            NOTHING.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SnippetThread snippets = new SnippetThread();
    // REPL.$Cancel$.allStop, once the JDK's code has loaded that class (at the first snippet).
    private volatile Field allStop;
    private volatile String lastClass;
    // The classes loaded since the last markLoaded(), on JShell's compiling thread.
    private final java.util.List<String> loaded = new java.util.ArrayList<>();
    private final java.util.concurrent.locks.ReentrantLock compiling;

    /** @param compiling held while JShell compiles; released while a snippet's code runs */
    CellControl(java.util.concurrent.locks.ReentrantLock compiling) {
        this.compiling = compiling;
    }

    /** The provider handed to {@code JShell.builder().executionEngine(...)}. */
    static ExecutionControlProvider provider(CellControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "jcn-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }

    // Every class a cell defines passes here: its System.exit calls stop the cell instead of the kernel, and its
    // Runtime.halt calls say why the kernel ends.
    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        ClassBytecodes[] retargeted = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            byte[] bytes = HaltCalls.retarget(ExitCalls.retarget(classes[i].bytecodes()));
            retargeted[i] = new ClassBytecodes(classes[i].name(), bytes);
            loaded.add(classes[i].name());
        }
        super.load(retargeted);
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
            InternalException {
        lastClass = className;
        VALUE.set(null);
        // Completion and inspection may use JShell while the snippet's code runs, not while JShell compiles.
        boolean held = compiling.isHeldByCurrentThread();
        if (held) {
            compiling.unlock();
        }
        try {
            return super.invoke(className, methodName);
        } finally {
            if (held) {
                compiling.lock();
            }
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (allStop == null) {
            // Once, the JDK's own code runs an empty method: it loads the class of the stop switch.
            super.invoke(NOTHING);
            Field field = findClass(CANCEL_CLASS).getField("allStop");
            field.setAccessible(true);
            allStop = field;
        }
        NEXT.set(doit);
        allStop.setBoolean(null, false); // as the JDK does for each snippet
        Object value = snippets.run(RUN);
        VALUE.set(value); // here, not on the snippet's thread: a thread left behind must not set a later value
        // JShell's own text of the value; the kernel shows the object itself. JShell writes every element of an
        // array (a 2 GB array became a 6 GB string), so large values are summarised.
        return Values.summarised(value) ? Values.text(value) : valueString(value);
    }

    @SuppressWarnings("unused")
    private static void nothing() {
    }

    // Runs on JShell's snippet thread.
    @SuppressWarnings({"unused", "removal"})
    private static Object runSnippet() throws Throwable {
        if (stopping) {
            throw new ThreadDeath(); // what JShell's own stop check throws
        }
        try {
            return NEXT.get().invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The value the last snippet computed, as an object; null for none. */
    Object lastValue() {
        return VALUE.get();
    }

    /** The snippet thread that a stop could not end and the last snippet left behind, or null. */
    Thread abandoned() {
        return snippets.abandoned();
    }

    /** Forgets the classes loaded so far: {@link #loadedSinceMark} names those loaded after this call. */
    void markLoaded() {
        loaded.clear();
    }

    /** The classes JShell loaded since {@link #markLoaded}; JShell's compiling thread only. */
    java.util.List<String> loadedSinceMark() {
        return loaded;
    }

    /** The wrapper class of the last snippet run: where a variable it declared lives. */
    String lastClass() {
        return lastClass;
    }

    /** Reads a public static field (a notebook variable) of a snippet's wrapper class. */
    Object staticField(String className, String field) throws ReflectiveOperationException {
        Field f = findClass(className).getField(field);
        f.setAccessible(true); // JShell's wrapper classes are not public; they are the session's own code
        return f.get(null);
    }

    /** Lets snippets run again (a new cell begins). */
    void allowRun() {
        stopping = false;
    }

    /** Whether a stop came since the current cell began. */
    boolean stopping() {
        return stopping;
    }

    /**
     * Makes all cell code, in any thread, throw at its next stop check until the next snippet starts, and keeps
     * further snippets of the current cell from starting.
     */
    void stopCellCode() {
        stopping = true;
        Field field = allStop;
        if (field == null) {
            return; // no snippet has run yet: there is no cell code to stop
        }
        try {
            field.setBoolean(null, true);
        } catch (IllegalAccessException | RuntimeException e) {
            Log.error("cannot switch on the stop check of cell code", e);
        }
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
        stopCellCode();
        super.stop();
        snippets.interrupt();
    }
}

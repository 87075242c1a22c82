package org.jcn.internal.process;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cap on child JVMs running at once in this JVM (a kernel): a notebook that starts hundreds of children, or a
 * pool of a thousand, is refused before anything starts instead of filling the machine's memory, where the
 * out-of-memory killer may pick the kernel itself.
 *
 * <p>The cap is {@value #PROPERTY} (a system property) if set, else the environment variable {@value #VARIABLE},
 * else 8 per core and at least 16 (each child JVM takes some 40 MB resident). It is read at every start, so a cell
 * can raise it with {@code System.setProperty("jcn.maxChildJvms", "64")}. A child counts from the moment it is
 * asked for until its process has exited. Thread safe.
 */
public final class ChildLimit {

    /** The system property that sets the cap. */
    public static final String PROPERTY = "jcn.maxChildJvms";

    /** The environment variable that sets the cap when the property is not set. */
    public static final String VARIABLE = "JCN_MAX_CHILD_JVMS";

    /** Child JVMs running now, in this whole JVM: the cap is per kernel, whichever cell or pool starts them. */
    private static int held; // guarded by ChildLimit.class

    private ChildLimit() {
    }

    /**
     * The cap now.
     *
     * @return the most child JVMs that may run at once
     * @throws IllegalArgumentException if the property or the variable is not a whole number of at least 1
     */
    public static int max() {
        String value = System.getProperty(PROPERTY);
        String source = "the system property " + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(VARIABLE);
            source = "the environment variable " + VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
        }
        try {
            int max = Integer.parseInt(value.strip());
            if (max >= 1) {
                return max;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(source + " must be a whole number >= 1 but was \"" + value + "\"");
    }

    /** @return how many child JVMs are running or starting now */
    public static synchronized int running() {
        return held;
    }

    /**
     * Takes {@code count} places under the cap, all or none.
     *
     * @param count how many child JVMs are about to start
     * @param what  what starts them, for the message, such as {@code "a pool of 40 child JVMs"}
     * @return one permit per child, to hand to {@link ChildJvm}
     * @throws IllegalArgumentException if {@code count} alone is above the cap
     * @throws IllegalStateException    if {@code count} more would pass the cap; nothing is started
     */
    static synchronized Permit[] take(int count, String what) {
        int max = max();
        String raise = " (raise it with System.setProperty(\"" + PROPERTY + "\", \"N\") or the environment variable "
                + VARIABLE + "; each child JVM takes some 40 MB)";
        if (count > max) {
            throw new IllegalArgumentException("can't start " + what + ": that is more than the cap of " + max
                    + " per kernel" + raise);
        }
        if (held + count > max) {
            throw new IllegalStateException("can't start " + what + ": " + held + " child JVMs are running and " + count
                    + " more would pass the cap of " + max + " per kernel; close the pools and children you no longer"
                    + " need (or restart the kernel)" + raise);
        }
        held += count;
        Permit[] permits = new Permit[count];
        for (int i = 0; i < count; i++) {
            permits[i] = new Permit();
        }
        return permits;
    }

    /** One child's place under the cap, given back once. */
    static final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (ChildLimit.class) {
                    held--;
                }
            }
        }
    }
}

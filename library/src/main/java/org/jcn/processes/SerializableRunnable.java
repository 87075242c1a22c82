package org.jcn.processes;

import java.io.Serializable;

/**
 * A task without a result that can be sent to a child JVM: a lambda or method reference whose target type is
 * this interface is compiled as serializable, with the values it captures. Unlike {@link Runnable} it may throw
 * checked exceptions (a task that sleeps), which reach the caller as the cause of a {@link ChildProcessException}.
 *
 * {@snippet :
 * SerializableRunnable hello = () -> {
 *     Thread.sleep(100);
 *     System.out.println("hello from a child JVM");
 * };
 * }
 */
@FunctionalInterface
public interface SerializableRunnable extends Serializable {

    /**
     * Runs the task.
     *
     * @throws Exception if the task fails
     */
    void run() throws Exception;
}

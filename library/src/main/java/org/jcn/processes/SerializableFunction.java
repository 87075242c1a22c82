package org.jcn.processes;

import java.io.Serializable;

/**
 * A function that can be sent to a child JVM: a lambda or method reference whose target type is this interface
 * is compiled as serializable, with the values it captures. Unlike {@link java.util.function.Function} it may
 * throw checked exceptions (a function that sleeps, reads a file), which reach the caller as the cause of a
 * {@link ChildProcessException}.
 *
 * {@snippet :
 * SerializableFunction<Integer, Integer> slowSquare = n -> {
 *     Thread.sleep(100);
 *     return n * n;
 * };
 * }
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {

    /**
     * Applies this function to the argument.
     *
     * @param argument the argument
     * @return the result
     * @throws Exception if the function fails
     */
    R apply(T argument) throws Exception;
}

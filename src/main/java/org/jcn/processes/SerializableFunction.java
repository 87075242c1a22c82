package org.jcn.processes;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to a child JVM: a lambda or method reference whose target type is this
 * interface is compiled as serializable, with the values it captures.
 *
 * {@snippet :
 * SerializableFunction<Integer, Integer> square = n -> n * n;
 * }
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}

package org.jcn.processes;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to a child JVM: a lambda or method reference whose target type is this
 * interface is compiled as serializable, with the values it captures.
 *
 * {@snippet :
 * SerializableCallable<Long> pid = () -> ProcessHandle.current().pid();
 * }
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {
}

package org.jcn.processes;

import java.io.Serializable;

/**
 * A {@link Runnable} that can be sent to a child JVM: a lambda or method reference whose target type is this
 * interface is compiled as serializable, with the values it captures.
 *
 * {@snippet :
 * SerializableRunnable hello = () -> System.out.println("hello from a child JVM");
 * }
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}

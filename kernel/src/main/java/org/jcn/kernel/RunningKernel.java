package org.jcn.kernel;

import org.jcn.internal.Kernels;

/**
 * How the library finds the kernel running in its JVM: the provider that {@code META-INF/services} declares for
 * {@link Kernels.Provider}, so that the library looks the kernel up itself instead of being handed it.
 *
 * <p>The {@link Kernel} attaches itself here when it is built, once per JVM; a second kernel in the same JVM is a
 * mistake and fails. The kernel's own state stays in this package. Only JVMs with the kernel's jar find this
 * provider (the kernel's, and this module's tests); child JVMs and other kernels have the library alone. Until the
 * kernel is built it answers that no kernel runs. Thread safe.
 */
public final class RunningKernel implements Kernels.Provider {

    // Static because ServiceLoader makes a new provider for every lookup; set once, by Kernel.publish().
    private static volatile Kernels.Host kernel;

    /** For {@link java.util.ServiceLoader}. */
    public RunningKernel() {
    }

    /**
     * Makes {@code running} the kernel of this JVM.
     *
     * @throws IllegalStateException if a kernel has already been attached
     */
    static synchronized void attach(Kernels.Host running) {
        if (kernel != null) {
            throw new IllegalStateException("a kernel already runs in this JVM: " + kernel.name());
        }
        kernel = running;
    }

    /** Undoes {@link #attach} for {@code running}; for tests, which stand in for a kernel for a while. */
    static synchronized void detach(Kernels.Host running) {
        if (kernel == running) {
            kernel = null;
        }
    }

    @Override
    public Kernels.Host running() {
        return kernel;
    }
}

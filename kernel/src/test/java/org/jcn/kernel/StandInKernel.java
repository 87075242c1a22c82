package org.jcn.kernel;

import java.util.function.IntConsumer;

import org.jcn.internal.Kernels;

/**
 * A kernel a test attaches for a while in place of the project's: the library then behaves as in a kernel's JVM
 * (a rewritten {@code System.exit} stops the caller instead of ending the JVM). It shows nothing; before a halt it
 * calls the given notice.
 */
final class StandInKernel implements Kernels.Host {

    private final IntConsumer beforeHalt;

    private StandInKernel(IntConsumer beforeHalt) {
        this.beforeHalt = beforeHalt;
    }

    /** Attaches a stand-in as this JVM's running kernel; {@link #detach} it when the test is done. */
    static StandInKernel attach(IntConsumer beforeHalt) {
        StandInKernel kernel = new StandInKernel(beforeHalt);
        RunningKernel.attach(kernel);
        return kernel;
    }

    void detach() {
        RunningKernel.detach(this);
    }

    @Override
    public String name() {
        return "a kernel standing in for the project's";
    }

    @Override
    public String displayHtml(String html) {
        return null;
    }

    @Override
    public void updateHtml(String id, String html) {
    }

    @Override
    public void beforeHalt(int status) {
        beforeHalt.accept(status);
    }
}

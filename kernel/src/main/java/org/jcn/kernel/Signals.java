package org.jcn.kernel;

import sun.misc.Signal;

/**
 * SIGINT interrupts the running cell instead of ending the JVM, as it does for ipykernel (front ends with
 * {@code interrupt_mode: signal}, or {@code kill -INT}). Uses the JDK's supported {@code jdk.unsupported}
 * module's signal API.
 */
final class Signals {

    private Signals() {
    }

    static void onInterrupt(Runnable action) {
        try {
            var before = Signal.handle(new Signal("INT"),
                    signal -> Thread.ofPlatform().name("jcn-sigint").start(action));
            if (before == sun.misc.SignalHandler.SIG_IGN) {
                // Started with SIGINT ignored (by a shell, in the background): the JVM then leaves it ignored.
                Log.info("SIGINT was ignored when the kernel started, so it stays ignored: interrupts come as "
                        + "messages only");
            }
        } catch (IllegalArgumentException e) {
            Log.info("SIGINT cannot be handled here (" + e.getMessage() + "); interrupts come as messages only");
        }
    }
}

package org.jcn.kernel;

/**
 * Says in a learner's terms what a thread that a stop could not end is doing: which library call of the cell it
 * is in ({@code CompletableFuture.join()}), and whether it waits or keeps a core busy.
 *
 * {@snippet :
 * Stuck.describe(thread); // "waits in CompletableFuture.join(), which ignores interrupts"
 * }
 */
final class Stuck {

    private Stuck() {
    }

    /** What {@code thread} does, from its stack: the call cell code made that has not returned. */
    static String describe(Thread thread) {
        StackTraceElement[] frames = thread.getStackTrace();
        String call = null;
        for (int i = 0; i < frames.length && call == null; i++) {
            if (frames[i].getClassName().startsWith("REPL.")) {
                call = i == 0 ? "cell code" : name(frames[i - 1]);
            }
        }
        if (call == null) {
            call = frames.length == 0 ? "code that cannot be seen" : name(frames[0]);
        }
        return switch (thread.getState()) {
            case RUNNABLE -> "runs " + call + ", library code that does not check for interrupts, and keeps a core busy";
            case WAITING, TIMED_WAITING, BLOCKED -> "waits in " + call + ", which ignores interrupts";
            default -> "has ended";
        };
    }

    /** {@code CompletableFuture.join()}: the class's simple name (nested classes kept) and the method. */
    static String name(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName() + "()";
    }

    /**
     * The reply's sentence for a cell whose own thread was left behind: what it does, that the session goes on,
     * and what only a restart can do.
     */
    static String leftBehind(Thread thread) {
        return "the cell's own thread could not be stopped: it " + describe(thread) + ". The kernel left it behind"
                + " and goes on (later cells run, with every definition); only a restart ends that thread, and a"
                + " restart loses every variable and definition of the session";
    }
}

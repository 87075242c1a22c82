package org.jcn.locks;

import java.time.Duration;
import java.util.List;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link Deadlocks#watch} saw: whether the threads deadlocked, which thread waited for which lock held by
 * whom, and whether the deadlock could be broken.
 *
 * @param outcome  how the watched threads ended
 * @param waits    for a deadlock, one entry per thread in the cycle; empty otherwise
 * @param after    how long after the start the outcome was known
 * @param stillRunning the watched threads still alive when {@link Deadlocks#watch} returned, by name: they ignored
 *                 the interrupt (a body that never checks for it, or a thread blocked on a {@code synchronized}
 *                 monitor) and go on running; empty when every thread has ended
 */
public record DeadlockReport(Outcome outcome, List<Wait> waits, Duration after, List<String> stillRunning) {

    /** How the watched threads ended. */
    public enum Outcome {
        /** Every thread finished on its own: no deadlock. */
        FINISHED,
        /** A deadlock was found, and interrupting the threads ended it: all of them have stopped. */
        DEADLOCK_BROKEN,
        /**
         * A deadlock was found on {@code synchronized} monitors, which no interrupt can break: the threads stay
         * blocked until the JVM (the kernel) exits.
         */
        DEADLOCK_STUCK,
        /**
         * Neither finished nor deadlocked within the time limit; the threads were interrupted, and
         * {@link #stillRunning()} names those that went on regardless.
         */
        TIMED_OUT
    }

    /**
     * One thread of a deadlock cycle.
     *
     * @param thread    the waiting thread's name
     * @param waitsFor  the lock it waits for
     * @param heldBy    the thread that holds that lock
     */
    public record Wait(String thread, String waitsFor, String heldBy) {
    }

    public DeadlockReport {
        waits = List.copyOf(waits);
        stillRunning = List.copyOf(stillRunning);
    }

    /**
     * Whether the threads deadlocked.
     *
     * @return true for {@link Outcome#DEADLOCK_BROKEN} and {@link Outcome#DEADLOCK_STUCK}
     */
    public boolean deadlocked() {
        return outcome == Outcome.DEADLOCK_BROKEN || outcome == Outcome.DEADLOCK_STUCK;
    }

    /**
     * The cycle as a table: thread, the lock it waits for, the thread that holds it.
     *
     * @return a new table named after the outcome
     */
    public Table toTable() {
        return Table.create(toString(),
                StringColumn.create("thread", waits.stream().map(Wait::thread)),
                StringColumn.create("waits for", waits.stream().map(Wait::waitsFor)),
                StringColumn.create("held by", waits.stream().map(Wait::heldBy)));
    }

    @Override
    public String toString() {
        long ms = after.toMillis();
        return switch (outcome) {
            case FINISHED -> "no deadlock: every thread finished (" + ms + " ms)";
            case DEADLOCK_BROKEN -> "deadlock of " + waits.size() + " threads found after " + ms
                    + " ms, broken by interrupting them";
            case DEADLOCK_STUCK -> "deadlock of " + waits.size() + " threads found after " + ms
                    + " ms; they wait on synchronized monitors, which no interrupt can break";
            case TIMED_OUT -> "neither finished nor deadlocked within " + ms + " ms; the threads were interrupted"
                    + (stillRunning.isEmpty() ? " and have ended" : ", but " + running());
        };
    }

    private String running() {
        return String.join(", ", stillRunning) + (stillRunning.size() == 1 ? " is" : " are")
                + " still running: code that never checks for interruption can't be stopped from outside, so each"
                + " keeps its thread (and a core, while it computes) until its body returns or the JVM exits";
    }
}

package org.jcn.measure;

/**
 * Thrown when a {@link Sweep} stops because a task threw or a workload's check failed. The message names the
 * workload, the mechanism and the worker count; the cause is the original exception.
 */
public final class SweepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Mechanism mechanism;
    private final int workers;

    SweepException(String workload, Mechanism mechanism, int workers, Throwable cause) {
        super("sweep stopped: " + workload + " failed with " + workers + (workers == 1 ? " worker" : " workers")
                + " on " + mechanism.label() + ": " + cause, cause);
        this.mechanism = mechanism;
        this.workers = workers;
    }

    /**
     * The mechanism that was running when the sweep stopped.
     *
     * @return the mechanism
     */
    public Mechanism mechanism() {
        return mechanism;
    }

    /**
     * The worker count that was running when the sweep stopped.
     *
     * @return the worker count
     */
    public int workers() {
        return workers;
    }
}

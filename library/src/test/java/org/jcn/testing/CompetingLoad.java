package org.jcn.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Busy processes that compete with a measurement for the CPU, as other learners' kernels do on a shared server: each
 * spins a shell loop, is not a descendant of this JVM (so a sweep counts its CPU as other processes' load, not its
 * own), and ends by itself after {@code limit} even if this JVM dies. {@link #close()} stops them all at once.
 */
public final class CompetingLoad implements AutoCloseable {

    private final List<ProcessHandle> busy;

    private CompetingLoad(List<ProcessHandle> busy) {
        this.busy = busy;
    }

    /**
     * Starts {@code processes} busy loops, each ended after {@code limit} at the latest.
     *
     * @param processes how many, at least 0
     * @param limit     how long each may run, at most
     * @return the load, to close when done
     * @throws IOException if a shell cannot be started
     */
    public static CompetingLoad start(int processes, Duration limit) throws IOException, InterruptedException {
        if (processes < 0) {
            throw new IllegalArgumentException("processes must be >= 0 but was " + processes);
        }
        List<ProcessHandle> started = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                // The outer shell starts `timeout` in the background, prints its pid and exits: the loop is
                // re-parented away from this JVM. timeout passes its TERM on to the loop.
                Process launcher = new ProcessBuilder("sh", "-c", "timeout " + Math.max(1, limit.toSeconds())
                        + " sh -c 'while :; do :; done' >/dev/null 2>&1 </dev/null & echo $!")
                        .redirectErrorStream(true).start();
                String pid = new String(launcher.getInputStream().readAllBytes()).trim();
                launcher.waitFor();
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid));
                handle.ifPresent(started::add);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            new CompetingLoad(started).close();
            throw e;
        }
        return new CompetingLoad(started);
    }

    /** @return how many of the busy processes are still running */
    public long alive() {
        return busy.stream().filter(ProcessHandle::isAlive).count();
    }

    /** Stops every busy process (and the loop under it) and waits up to five seconds for them to end. */
    @Override
    public void close() {
        for (ProcessHandle p : busy) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (ProcessHandle p : busy) {
            try {
                p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Still there after SIGKILL and five seconds: nothing more can be done from here.
            }
        }
    }
}

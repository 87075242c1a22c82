package org.jcn.kernel;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs dropped messages, at most one line per interval: a flood of bad messages (anyone on the machine can send
 * them) must not fill the disk. A line after a quiet spell counts the drops it did not log. Thread safe.
 *
 * {@snippet :
 * DropLog drops = new DropLog(Duration.ofSeconds(1), System::nanoTime);
 * drops.dropped("shell", "bad signature"); // logged
 * drops.dropped("shell", "bad signature"); // counted, logged with the next line
 * }
 */
final class DropLog {

    private final long intervalNanos;
    private final LongSupplier clock;
    private long lastLogged;
    private boolean loggedOnce;
    private long unlogged;
    private long total;

    /**
     * @param interval the shortest time between two lines
     * @param clock nanoseconds, as {@link System#nanoTime}
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    DropLog(Duration interval, LongSupplier clock) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /**
     * Counts one dropped message and logs it unless a line was logged within the interval.
     *
     * @return the line logged, or null when the drop was only counted
     */
    synchronized String dropped(String channel, String reason) {
        total++;
        long now = clock.getAsLong();
        if (loggedOnce && now - lastLogged < intervalNanos) {
            unlogged++;
            return null;
        }
        String line = "dropped a message on " + channel + ": " + reason
                + (unlogged == 0 ? "" : " (and " + unlogged + " more since the last line)");
        loggedOnce = true;
        lastLogged = now;
        unlogged = 0;
        Log.info(line);
        return line;
    }

    /** Messages dropped so far. */
    synchronized long total() {
        return total;
    }
}

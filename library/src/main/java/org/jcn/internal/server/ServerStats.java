package org.jcn.internal.server;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of one latency server: responses sent, requests in flight and the most seen at once, and the
 * server's own time per request (request parsed to response handed to the socket) for the most recent {@link #SAMPLES}
 * requests, kept in a ring so memory stays bounded however long a notebook keeps the server. Thread safe.
 */
public final class ServerStats {

    /** How many recent per-request times are kept. */
    public static final int SAMPLES = 1 << 16;

    private final AtomicLong served = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicLongArray nanos = new AtomicLongArray(SAMPLES);
    private final AtomicLong recorded = new AtomicLong();

    /** A parsed request starts being handled. */
    public void begin() {
        int now = active.incrementAndGet();
        maxActive.accumulateAndGet(now, Math::max);
    }

    /** A request begun with {@link #begin()} is over: {@code elapsedNanos} is negative if no response was written. */
    public void end(long elapsedNanos) {
        active.decrementAndGet();
        if (elapsedNanos >= 0) {
            served.incrementAndGet();
            nanos.set((int) (recorded.getAndIncrement() & (SAMPLES - 1)), elapsedNanos);
        }
    }

    /** A response to a request that never parsed (a 400) was written. */
    public void servedUnparsed() {
        served.incrementAndGet();
    }

    public long served() {
        return served.get();
    }

    public int maxActive() {
        return maxActive.get();
    }

    /** The per-request time at {@code percentile} (0, 100], nearest-rank, or 0 if nothing was recorded. */
    public long percentileNanos(double percentile) {
        int n = (int) Math.min(recorded.get(), SAMPLES);
        if (n == 0) {
            return 0;
        }
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = nanos.get(i);
        }
        Arrays.sort(copy);
        int rank = (int) Math.ceil(percentile / 100.0 * n);
        return copy[Math.max(0, Math.min(n, rank) - 1)];
    }

    /** Starts counting afresh; requests in flight right now count towards the new maximum. */
    public void reset() {
        served.set(0);
        recorded.set(0);
        maxActive.set(active.get());
    }
}

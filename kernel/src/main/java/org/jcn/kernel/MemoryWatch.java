package org.jcn.kernel;

import java.util.function.Consumer;

/**
 * Stops a cell that fills the heap before the JVM runs out and thrashes: a cell that keeps what it allocates in a
 * session variable ({@code hog.add(new long[1_000_000])} in a loop) left the kernel in back-to-back full
 * collections, unable to answer anything, for minutes.
 *
 * <p>A thread of its own looks at the heap ({@link Runtime#totalMemory()} minus {@link Runtime#freeMemory()}, which
 * allocates nothing) every {@value #MIN_MILLIS} ms when it is close to full, and less often the more room is left:
 * after the time the heap needs to fill up to {@value #CHECK_PERCENT}% at {@value #FASTEST_GIB_PER_SECOND} GiB a
 * second, at most {@value #MAX_MILLIS} ms ({@code hog.add(new long[1_000_000])} filled 0.12-0.15 GiB a second on the
 * 2-core machine at load 11). Looking every 25 ms woke an idle kernel 40 times a second, and every learner's kernel
 * on a shared server paid for that.
 *
 * <p>Above {@value #CHECK_PERCENT}% of the maximum it asks for a collection and, if still more than that is held
 * afterwards, reports the heap as full once; it reports again only above {@value #LAST_PERCENT}% (and
 * {@value #STEP_PERCENT}% more than last time), or after the heap has fallen below {@value #REARM_PERCENT}%: the
 * cells that come next, {@code hog = null;} among them, need some room to run.
 * Why not the memory pools' collection-usage thresholds: with G1 a loop of large arrays (allocated straight into the
 * old generation) fills the heap without any collection that updates them; they fired only once the heap was already
 * full.
 *
 * <p>On a small heap and a fast machine the last 15% fill in a few milliseconds (1 GiB heap, quiet 2-core machine:
 * the cell's own {@code OutOfMemoryError} came first in about one run of five, and then the kernel's threads had no
 * memory to answer with). So the watch holds a reserve ({@value #RESERVE_PERCENT}% of the heap, at most
 * {@value #RESERVE_MAX_MIB} MiB) that it lets go as soon as the heap is full, before anything else: the stop, the
 * reply naming the variables and the next cells then have room. It takes the reserve again once the heap has room.
 * A report that itself ran out of memory is tried again at the next look.
 */
final class MemoryWatch {

    static final int CHECK_PERCENT = 85;
    static final int STEP_PERCENT = 5;
    static final int REARM_PERCENT = 75;
    static final int LAST_PERCENT = 95;
    static final long MIN_MILLIS = 25;
    static final long FAST_MIN_MILLIS = 5;
    static final long MAX_MILLIS = 250;
    static final long FASTEST_GIB_PER_SECOND = 8;
    static final int RESERVE_PERCENT = 5;
    static final int RESERVE_MAX_MIB = 64;

    private MemoryWatch() {
    }

    /** How long the watch may wait with {@code used} of {@code max} bytes held: the time to fill the rest quickly. */
    static long pauseMillis(long used, long max) {
        long room = Math.max(0, max / 100 * CHECK_PERCENT - used);
        return Math.clamp(room * 1000 / (FASTEST_GIB_PER_SECOND << 30), MIN_MILLIS, MAX_MILLIS);
    }

    /**
     * The pause, shortened while a cell fills the heap fast: half the time the heap takes, at the rate it grew since
     * the last look ({@code grown} bytes in {@code millis}), to fill up to the mark, down to {@value #FAST_MIN_MILLIS}
     * ms (a 1 GiB heap filled its last 15% in a few tens of milliseconds on a quiet 2-core machine).
     */
    static long pauseMillis(long used, long max, long grown, long millis) {
        long pause = pauseMillis(used, max);
        if (grown <= 0 || millis <= 0) {
            return pause;
        }
        long room = Math.max(0, max / 100 * CHECK_PERCENT - used);
        long fill = room / 2 * millis / grown; // the time the heap needs at this rate, halved
        return Math.clamp(Math.min(pause, fill), FAST_MIN_MILLIS, pause);
    }

    /** The heap as a report says it: "5.2 of 6.0 GiB". */
    static String held(long used, long max) {
        return String.format("%.1f of %.1f GiB", used / (double) (1L << 30), max / (double) (1L << 30));
    }

    /**
     * Starts watching.
     *
     * @param whenFull called on the watch's thread with the heap's state ("5.2 of 6.0 GiB") when it is full
     */
    static void start(Consumer<String> whenFull) {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        if (max == Long.MAX_VALUE) {
            Log.info("the heap has no maximum: the memory watch is off");
            return;
        }
        int reserveBytes = (int) Math.min(max / 100 * RESERVE_PERCENT, (long) RESERVE_MAX_MIB << 20);
        Thread thread = Thread.ofPlatform().name("jcn-memory-watch").daemon().unstarted(() -> {
            // Room let go when the heap is full. In an array that the loop uses, so that the reserve stays reachable
            // (a local the code never reads again could be collected).
            byte[][] reserve = {new byte[reserveBytes]};
            long reportAbove = max / 100 * CHECK_PERCENT;
            long used = runtime.totalMemory() - runtime.freeMemory();
            long grown = 0;
            long slept = 0;
            while (true) {
                long pause = pauseMillis(used, max, grown, slept);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    long before = used;
                    used = runtime.totalMemory() - runtime.freeMemory();
                    grown = used - before;
                    slept = pause;
                    if (used < max / 100 * REARM_PERCENT) {
                        reportAbove = max / 100 * CHECK_PERCENT;
                        if (reserve[0] == null) {
                            reserve[0] = new byte[reserveBytes];
                        }
                    } else if (used > reportAbove) {
                        System.gc(); // is it held, or garbage not yet collected?
                        used = runtime.totalMemory() - runtime.freeMemory();
                        if (used > reportAbove) {
                            reserve[0] = null; // room for the stop, the report and the cells after it
                            whenFull.accept(held(used, max));
                            reportAbove = Math.max(used + max / 100 * STEP_PERCENT, max / 100 * LAST_PERCENT);
                            Log.info("the heap is full: " + held(used, max) + " held after a collection");
                        }
                    }
                } catch (OutOfMemoryError e) {
                    reserve[0] = null; // the heap filled faster than the watch could act; it keeps watching
                }
            }
        });
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }
}

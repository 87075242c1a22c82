package org.jcn.benchmarks;

/** The library's sum loop as it was before FidelityBenchmark: the inner loop inline in the method that blocks it. */
final class InlineLoop {

    private static volatile int rotation = 0;
    private static final long BLOCK = 1L << 22;

    private InlineLoop() {
    }

    static long sum(long from, long to) {
        int distance = rotation;
        long sum = 0;
        for (long block = from; block < to; block += BLOCK) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("interrupted");
            }
            long end = Math.min(to, block + BLOCK);
            for (long i = block; i < end; i++) {
                sum = Long.rotateLeft(sum + i, distance);
            }
        }
        return sum;
    }
}

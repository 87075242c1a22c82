package org.jcn.internal.measure;

/**
 * The CPU-bound loops behind the workloads, written so that the JIT compiler must really run them.
 *
 * <p>A plain {@code for (i...) sum += i} may be turned into a vector reduction or, in principle, a closed form;
 * then a "CPU-bound" measurement would measure nothing. Each step here rotates the running sum by a distance read
 * from a volatile field: the distance is always 0, so the result is the plain sum, but the compiler cannot know
 * that, so every iteration depends on the previous one and must be executed in order.
 */
public final class Loops {

    /** Always 0; volatile so that the JIT cannot treat it as a constant. */
    private static volatile int rotation = 0;

    private Loops() {
    }

    /**
     * The sum of the integers in {@code [from, to)}, computed one by one.
     *
     * @param from the first integer
     * @param to   one past the last integer
     * @return the sum
     */
    public static long sumOfRange(long from, long to) {
        int distance = rotation;
        long sum = 0;
        // Blocks of 2^22 steps (a few milliseconds) with an interrupt check between them, so that a cancelled
        // sweep or an interrupted cell stops promptly instead of finishing a multi-second loop.
        for (long block = from; block < to; block += BLOCK) {
            stopIfInterrupted();
            sum = sumOfBlock(block, Math.min(to, block + BLOCK), sum, distance);
        }
        return sum;
    }

    // The inner loop is a method of its own so that every JVM runs the same compiled form of it. Written inline,
    // a JVM that called sumOfRange once or twice (a child JVM of a sweep) ran it as on-stack-replacement code,
    // which the JIT compiler does not unroll, at about 0.6 ns per step here, while a JVM that called it more often
    // (the kernel's) ran the fully compiled method, unrolled, at about 0.85 ns: the same workload looked 1.5x
    // faster in a child JVM. Called once per block, this method is fully compiled after its first few blocks
    // everywhere (FidelityBenchmark).
    private static long sumOfBlock(long from, long to, long sum, int distance) {
        for (long i = from; i < to; i++) {
            sum = Long.rotateLeft(sum + i, distance);
        }
        return sum;
    }

    private static final long BLOCK = 1L << 22;

    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    /**
     * Counts the primes among {@code start, start + step, start + 2·step, …} below {@code limit}, by trial
     * division (deliberately slow: each number costs about its square root in divisions).
     *
     * @param start the first candidate, at least 0
     * @param step  the distance between candidates, at least 1
     * @param limit candidates are below this
     * @return how many of the candidates are prime
     */
    public static int countPrimes(int start, int step, int limit) {
        int count = 0;
        for (int n = start; n < limit; n += step) {
            if ((n & 0xFFFF) < step) {
                stopIfInterrupted();
            }
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts the primes below {@code limit} with a sieve: the fast reference that checks {@link #countPrimes}.
     *
     * @param limit an upper bound, exclusive
     * @return the number of primes below it
     */
    public static int countPrimesBySieve(int limit) {
        if (limit < 3) {
            return 0;
        }
        boolean[] composite = new boolean[limit];
        int count = 0;
        for (int n = 2; n < limit; n++) {
            if (!composite[n]) {
                count++;
                for (long m = (long) n * n; m < limit; m += n) {
                    composite[(int) m] = true;
                }
            }
        }
        return count;
    }
}

package org.jcn.measure;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

import org.jcn.internal.measure.Loops;
import org.jcn.server.Downloads;

/**
 * The workloads of the tutorials, named as they name them, ready for a {@link Sweep}.
 *
 * <p>CPU-bound workloads really compute: their loops are written so that the JIT compiler cannot fold or skip
 * them, and every run's results are checked against an independent answer, so a sweep of work that did not happen
 * fails instead of drawing a flattering chart.
 *
 * {@snippet :
 * Workloads.cpuBoundTask(10_000_000);          // the tutorial's task, once per worker
 * Workloads.sumOfRange(2_000_000_000L);        // one big sum, split between the workers
 * Workloads.sleep(Duration.ofMillis(100), 20); // 20 tasks that each wait 100 ms
 * }
 *
 * <p>Longer than the house's ~150 lines: a catalogue of the lessons' workloads, each a few lines with its
 * documentation.
 */
public final class Workloads {

    private Workloads() {
    }

    /**
     * The sum of {@code 0 … n-1}, split into one contiguous slice per worker: a fixed job shared out.
     *
     * @param n how many integers to add, at least 1 (at most 4,000,000,000 so the sum fits a {@code long})
     * @return a split workload whose check compares the total with {@code n(n-1)/2}
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public static Workload sumOfRange(long n) {
        checkRange(n);
        return new Workload() {
            @Override
            public String name() {
                return String.format(Locale.ROOT, "sum of range(%,d)", n);
            }

            @Override
            public boolean cpuBound() {
                return true;
            }

            @Override
            public List<Task> tasks(int workers) {
                return IntStream.range(0, workers).mapToObj(w -> {
                    long from = n * w / workers;
                    long to = n * (w + 1) / workers;
                    return (Task) new RangeSum(from, to);
                }).toList();
            }

            @Override
            public void check(List<?> results, int workers) {
                long total = results.stream().mapToLong(r -> (Long) r).sum();
                expect(total, triangle(n), name());
            }
        };
    }

    /**
     * The tutorial's {@code cpu_bound_task(n)}: every worker computes the whole sum of {@code 0 … n-1} on its
     * own, as when one process per core each runs the task.
     *
     * @param n how many integers each task adds, at least 1 (at most 4,000,000,000)
     * @return a per-worker workload whose check compares every result with {@code n(n-1)/2}
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public static Workload cpuBoundTask(long n) {
        checkRange(n);
        return new Workload() {
            @Override
            public String name() {
                return String.format(Locale.ROOT, "cpu_bound_task(%,d) per worker", n);
            }

            @Override
            public boolean cpuBound() {
                return true;
            }

            @Override
            public List<Task> tasks(int workers) {
                return IntStream.range(0, workers).mapToObj(w -> (Task) new RangeSum(0, n)).toList();
            }

            @Override
            public void check(List<?> results, int workers) {
                for (Object r : results) {
                    expect((Long) r, triangle(n), name());
                }
            }
        };
    }

    /**
     * Counting the primes below {@code limit} by trial division, the candidates dealt out round-robin so every
     * worker gets a similar mix of small and large numbers.
     *
     * @param limit an exclusive upper bound, at least 2
     * @return a split workload whose check compares the total with a sieve's count
     * @throws IllegalArgumentException if {@code limit < 2}
     */
    public static Workload countPrimes(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be >= 2 but was " + limit);
        }
        return new Workload() {
            @Override
            public String name() {
                return String.format(Locale.ROOT, "count primes below %,d", limit);
            }

            @Override
            public boolean cpuBound() {
                return true;
            }

            @Override
            public List<Task> tasks(int workers) {
                return IntStream.range(0, workers)
                        .mapToObj(w -> (Task) () -> Loops.countPrimes(w, workers, limit)).toList();
            }

            @Override
            public void check(List<?> results, int workers) {
                long total = results.stream().mapToLong(r -> (Integer) r).sum();
                expect(total, Loops.countPrimesBySieve(limit), name());
            }
        };
    }

    /**
     * {@code tasks} tasks that each sleep for {@code duration}: waiting, not computing. The number of tasks is
     * fixed; more workers let more of them wait at once.
     *
     * @param duration how long each task sleeps, not negative
     * @param tasks    how many tasks, at least 1
     * @return a workload of sleeping tasks
     * @throws NullPointerException     if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative or {@code tasks < 1}
     */
    public static Workload sleep(Duration duration, int tasks) {
        Objects.requireNonNull(duration, "duration must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative but was " + duration);
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1 but was " + tasks);
        }
        long millis = duration.toMillis();
        return new FixedTasks(String.format(Locale.ROOT, "%,d tasks sleeping %d ms", tasks, millis),
                IntStream.range(0, tasks).mapToObj(i -> (Workload.Task) () -> {
                    Thread.sleep(millis);
                    return null;
                }).toList());
    }

    /**
     * One HTTP GET per URI through one shared client ({@link Downloads#fetch}): the tutorials' downloads. Each
     * task returns the body's size; a status other than 200 fails the task.
     *
     * @param client the client every task shares (one client, one connection pool: the pattern to follow)
     * @param uris   what to download, at least one
     * @return a workload whose check requires a non-empty body from every download
     * @throws NullPointerException     if an argument or a URI is null
     * @throws IllegalArgumentException if {@code uris} is empty
     */
    public static Workload download(HttpClient client, List<URI> uris) {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(uris, "uris must not be null");
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("uris must not be empty");
        }
        List<Workload.Task> tasks = new ArrayList<>();
        for (URI uri : uris) {
            Objects.requireNonNull(uri, "uris must not contain null");
            tasks.add(() -> Downloads.fetch(client, uri));
        }
        return new FixedTasks(String.format(Locale.ROOT, "%,d downloads", uris.size()), tasks) {
            @Override
            public void check(List<?> results, int workers) {
                for (Object r : results) {
                    if ((Long) r <= 0) {
                        throw new IllegalStateException(name() + ": a download returned an empty body");
                    }
                }
            }
        };
    }

    /** A workload whose tasks do not depend on the worker count: more workers run more of them at once. */
    private static class FixedTasks implements Workload {
        private final String name;
        private final List<Task> tasks;

        FixedTasks(String name, List<Task> tasks) {
            this.name = name;
            this.tasks = List.copyOf(tasks);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Task> tasks(int workers) {
            return tasks;
        }
    }

    private static void checkRange(long n) {
        if (n < 1 || n > 4_000_000_000L) {
            throw new IllegalArgumentException("n must be between 1 and 4,000,000,000 but was " + n);
        }
    }

    /**
     * {@code n(n-1)/2}, the sum of {@code 0 … n-1}, without overflow for every {@code n} that {@link #checkRange}
     * allows: the even factor is halved first, since {@code n * (n - 1)} itself passes {@code Long.MAX_VALUE} once
     * {@code n} exceeds about 3.04 billion.
     */
    private static long triangle(long n) {
        return n % 2 == 0 ? (n / 2) * (n - 1) : n * ((n - 1) / 2);
    }

    private static void expect(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": computed " + actual + " but the answer is " + expected);
        }
    }
}

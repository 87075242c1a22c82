package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class WorkloadsTest {

    private static List<Object> callAll(List<Workload.Task> tasks) throws Exception {
        List<Object> results = new ArrayList<>();
        for (Workload.Task t : tasks) {
            results.add(t.call());
        }
        return results;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void sumOfRangeSplitsIntoOneSlicePerWorkerAndAddsUpToTheClosedForm(int workers) throws Exception {
        long n = 1_000_003;
        Workload w = Workloads.sumOfRange(n);
        List<Workload.Task> tasks = w.tasks(workers);
        assertEquals(workers, tasks.size());
        List<Object> results = callAll(tasks);
        assertEquals(n * (n - 1) / 2, results.stream().mapToLong(r -> (Long) r).sum());
        assertDoesNotThrow(() -> w.check(results, workers));
    }

    @Test
    void aWrongSumFailsTheCheck() {
        Workload w = Workloads.sumOfRange(100);
        var e = assertThrows(IllegalStateException.class, () -> w.check(List.of(4949L), 1));
        assertEquals("sum of range(100): computed 4949 but the answer is 4950", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {3_037_000_500L, 3_037_000_501L, 3_999_999_999L, 4_000_000_000L})
    void theChecksAcceptTheTrueSumUpToTheDocumentedLimit(long n) {
        long sum = BigInteger.valueOf(n).multiply(BigInteger.valueOf(n - 1)).shiftRight(1).longValueExact();
        assertDoesNotThrow(() -> Workloads.sumOfRange(n).check(List.of(sum), 1));
        assertDoesNotThrow(() -> Workloads.cpuBoundTask(n).check(List.of(sum, sum), 2));
        var e = assertThrows(IllegalStateException.class, () -> Workloads.sumOfRange(n).check(List.of(sum - 1), 1));
        assertTrue(e.getMessage().endsWith("but the answer is " + sum), e.getMessage());
    }

    @Test
    void cpuBoundTaskGivesEveryWorkerTheWholeSum() throws Exception {
        Workload w = Workloads.cpuBoundTask(10_000);
        List<Object> results = callAll(w.tasks(3));
        assertEquals(List.of(49_995_000L, 49_995_000L, 49_995_000L), results);
        assertDoesNotThrow(() -> w.check(results, 3));
        assertThrows(IllegalStateException.class, () -> w.check(List.of(49_995_000L, 1L), 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void countPrimesDealsCandidatesOutAndMatchesTheSieve(int workers) throws Exception {
        Workload w = Workloads.countPrimes(100_000);
        List<Object> results = callAll(w.tasks(workers));
        assertEquals(9592, results.stream().mapToInt(r -> (Integer) r).sum());
        assertDoesNotThrow(() -> w.check(results, workers));
    }

    @Test
    void sleepHasAFixedNumberOfTasksWhateverTheWorkerCount() throws Exception {
        Workload w = Workloads.sleep(Duration.ofMillis(20), 4);
        assertEquals(4, w.tasks(1).size());
        assertEquals(4, w.tasks(16).size());
        long start = System.nanoTime();
        w.tasks(1).get(0).call();
        assertTrue(System.nanoTime() - start >= 20_000_000L, "a task must sleep at least its duration");
        assertEquals("4 tasks sleeping 20 ms", w.name());
    }

    @Test
    void cpuTasksCanBeSerializedForAChildJvmAndGiveTheSameAnswerThere() throws Exception {
        for (Workload w : List.of(Workloads.sumOfRange(1000), Workloads.cpuBoundTask(1000),
                Workloads.countPrimes(1000))) {
            Workload.Task task = w.tasks(2).get(1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var out = new ObjectOutputStream(bytes)) {
                out.writeObject(task);
            }
            try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                Workload.Task copy = (Workload.Task) in.readObject();
                assertEquals(task.call(), copy.call(), w.name());
            }
        }
    }

    @Test
    void anInterruptedSumStopsWithACancellation() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> Workloads.sumOfRange(4_000_000_000L).tasks(1).get(0).call());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void downloadsFetchEveryUriFromTheLocalServerThroughOneClient() throws Exception {
        try (var server = org.jcn.server.LatencyServer.start(Duration.ofMillis(10), 5_000)) {
            Workload w = Workloads.download(HttpClient.newHttpClient(), server.uris(3));
            List<Object> results = callAll(w.tasks(2));
            assertEquals(List.of(5_000L, 5_000L, 5_000L), results);
            assertDoesNotThrow(() -> w.check(results, 2));
            assertEquals(3, server.requestsServed());
            assertThrows(IllegalStateException.class, () -> w.check(List.of(0L), 1));
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("n must be between 1 and 4,000,000,000 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Workloads.sumOfRange(0)).getMessage());
        assertEquals("n must be between 1 and 4,000,000,000 but was 5000000000",
                assertThrows(IllegalArgumentException.class, () -> Workloads.cpuBoundTask(5_000_000_000L)).getMessage());
        assertEquals("limit must be >= 2 but was 1",
                assertThrows(IllegalArgumentException.class, () -> Workloads.countPrimes(1)).getMessage());
        assertEquals("tasks must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Workloads.sleep(Duration.ZERO, 0)).getMessage());
        assertEquals("duration must not be negative but was PT-1S",
                assertThrows(IllegalArgumentException.class, () -> Workloads.sleep(Duration.ofSeconds(-1), 1)).getMessage());
        assertEquals("uris must not be empty", assertThrows(IllegalArgumentException.class,
                () -> Workloads.download(HttpClient.newHttpClient(), List.of())).getMessage());
        assertEquals("client must not be null", assertThrows(NullPointerException.class,
                () -> Workloads.download(null, List.of(URI.create("http://127.0.0.1/")))).getMessage());
    }
}

package org.jcn.internal.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The program a fresh child JVM runs to measure what one more thread costs, away from the kernel's own heap.
 *
 * <p>Usage: {@code FootprintProbe platform|virtual|none COUNT}. It reads its resident set size and live heap,
 * starts COUNT parked threads of the given kind, waits until all of them run, reads both again, prints one line
 * {@code rssBefore rssAfter heapBefore heapAfter} (bytes), lets the threads finish and exits. Only JDK classes
 * are used, so the child starts with nothing but this class on its class path.
 */
public final class FootprintProbe {

    private FootprintProbe() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int count = Integer.parseInt(args[1]);
        long rssBefore = residentBytes(Path.of("/proc/self/status"));
        long heapBefore = liveHeapBytes();
        CountDownLatch started = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(count);
        Runnable park = () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        for (int i = 0; i < count; i++) {
            threads.add(switch (kind) {
                case "platform" -> Thread.ofPlatform().start(park);
                case "virtual" -> Thread.ofVirtual().start(park);
                default -> throw new IllegalArgumentException("kind must be platform or virtual but was " + kind);
            });
        }
        started.await();
        long rssAfter = residentBytes(Path.of("/proc/self/status"));
        long heapAfter = liveHeapBytes();
        System.out.println(rssBefore + " " + rssAfter + " " + heapBefore + " " + heapAfter);
        System.out.flush();
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    static long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Reads the {@code VmRSS} line of a Linux {@code /proc/PID/status} file.
     *
     * @param status the file
     * @return the resident set size in bytes
     * @throws IOException if the file cannot be read or has no VmRSS line
     */
    public static long residentBytes(Path status) throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IOException(status + " has no VmRSS line");
    }
}

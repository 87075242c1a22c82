package org.jcn.measure;

import java.util.concurrent.atomic.AtomicLong;

/** Test support: the most child processes of this JVM alive at once while it is open, sampled every 2 ms. */
final class PeakChildren implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean open = true;

    private PeakChildren() {
        sampler = Thread.ofPlatform().daemon().name("peak-children").start(() -> {
            while (open) {
                peak.accumulateAndGet(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
                        Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static PeakChildren watch() {
        return new PeakChildren();
    }

    /** The peak so far. */
    long peak() {
        return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        sampler.join();
    }
}

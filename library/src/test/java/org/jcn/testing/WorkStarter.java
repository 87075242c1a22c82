package org.jcn.testing;

import java.util.concurrent.CompletableFuture;

import org.jcn.tasks.Tasks;
import org.jcn.threads.ThreadPool;
import org.jcn.threads.Threads;

/**
 * Every way the library starts work, behind one interface, so that a test runs one behaviour through all of
 * them with the same assertions.
 */
public enum WorkStarter {
    PLATFORM_THREAD("thread \"") {
        @Override
        public Started start(Runnable body) {
            Thread thread = Threads.start(body);
            return thread::join;
        }
    },
    VIRTUAL_THREAD("thread \"") {
        @Override
        public Started start(Runnable body) {
            Thread thread = Threads.startVirtual(body);
            return thread::join;
        }
    },
    FIXED_POOL("task \"pool-") {
        @Override
        public Started start(Runnable body) {
            ThreadPool pool = ThreadPool.newFixed(2);
            CompletableFuture<Void> future = pool.submit(body);
            return () -> {
                try (pool) {
                    future.handle((v, e) -> v).join();
                }
            };
        }
    },
    VIRTUAL_POOL("task \"pool-") {
        @Override
        public Started start(Runnable body) {
            ThreadPool pool = ThreadPool.newVirtual();
            CompletableFuture<Void> future = pool.submit(body);
            return () -> {
                try (pool) {
                    future.handle((v, e) -> v).join();
                }
            };
        }
    },
    TASK("task \"task-") {
        @Override
        public Started start(Runnable body) {
            CompletableFuture<Object> task = Tasks.createTask(() -> {
                body.run();
                return null;
            });
            return () -> task.handle((v, e) -> v).join();
        }
    },
    TO_THREAD("task \"to-thread-") {
        @Override
        public Started start(Runnable body) {
            CompletableFuture<Object> task = Tasks.toThread(() -> {
                body.run();
                return null;
            });
            return () -> task.handle((v, e) -> v).join();
        }
    };

    private final String descriptionPrefix;

    WorkStarter(String descriptionPrefix) {
        this.descriptionPrefix = descriptionPrefix;
    }

    /** Starts the body the way this mechanism does. */
    public abstract Started start(Runnable body);

    /** How {@code CellWork.running()} describes work started this way. */
    public String descriptionPrefix() {
        return descriptionPrefix;
    }

    /** Work that has been started. */
    @FunctionalInterface
    public interface Started {
        /** Waits until the work has ended, however it ended, and releases what the mechanism holds. */
        void await() throws InterruptedException;
    }
}

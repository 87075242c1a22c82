package org.jcn.threads;

import java.util.Objects;
import java.util.function.Consumer;

import org.jcn.internal.cell.CellWork;

/**
 * Starts platform and virtual threads on a target, the way Python's
 * {@code threading.Thread(target=f, args=(10,)).start()} does.
 *
 * <p>Each method creates a thread, starts it and returns it; {@link Thread#join()} waits for it. A target may be
 * a {@link Runnable} or a {@link Consumer} with the one argument to pass it. Platform threads are not daemon
 * threads, as in Python. Every thread is tracked for the notebook cell that started it: in the project's Java
 * kernel the cell waits for its threads before it ends, so their output stays in that cell, and interrupting
 * the cell interrupts them. All methods are thread safe.
 *
 * {@snippet :
 * Thread square = Threads.start(n -> System.out.println(n * n), 10);
 * Thread cube = Threads.startVirtual("cube", n -> System.out.println(n * n * n), 10);
 * square.join();
 * cube.join();
 * }
 */
public final class Threads {

    private Threads() {
    }

    /**
     * Starts a platform thread running the target, named by the JDK ({@code Thread-N}).
     *
     * @param target the code the thread runs
     * @return the started thread
     * @throws NullPointerException if {@code target} is null
     */
    public static Thread start(Runnable target) {
        Objects.requireNonNull(target, "target must not be null");
        return track(Thread.ofPlatform().start(target));
    }

    /**
     * Starts a platform thread that calls {@code target.accept(argument)}.
     *
     * @param target the code the thread runs
     * @param argument the argument passed to the target, may be null
     * @param <T> the type of the argument
     * @return the started thread
     * @throws NullPointerException if {@code target} is null
     */
    public static <T> Thread start(Consumer<? super T> target, T argument) {
        return start(bind(target, argument));
    }

    /**
     * Starts a named platform thread running the target.
     *
     * @param name the thread's name
     * @param target the code the thread runs
     * @return the started thread
     * @throws NullPointerException if {@code name} or {@code target} is null
     */
    public static Thread start(String name, Runnable target) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(target, "target must not be null");
        return track(Thread.ofPlatform().name(name).start(target));
    }

    /**
     * Starts a named platform thread that calls {@code target.accept(argument)}.
     *
     * @param name the thread's name
     * @param target the code the thread runs
     * @param argument the argument passed to the target, may be null
     * @param <T> the type of the argument
     * @return the started thread
     * @throws NullPointerException if {@code name} or {@code target} is null
     */
    public static <T> Thread start(String name, Consumer<? super T> target, T argument) {
        return start(name, bind(target, argument));
    }

    /**
     * Starts a virtual thread running the target. Virtual threads have no name unless given one.
     *
     * @param target the code the thread runs
     * @return the started thread
     * @throws NullPointerException if {@code target} is null
     */
    public static Thread startVirtual(Runnable target) {
        Objects.requireNonNull(target, "target must not be null");
        return track(Thread.ofVirtual().start(target));
    }

    /**
     * Starts a virtual thread that calls {@code target.accept(argument)}.
     *
     * @param target the code the thread runs
     * @param argument the argument passed to the target, may be null
     * @param <T> the type of the argument
     * @return the started thread
     * @throws NullPointerException if {@code target} is null
     */
    public static <T> Thread startVirtual(Consumer<? super T> target, T argument) {
        return startVirtual(bind(target, argument));
    }

    /**
     * Starts a named virtual thread running the target.
     *
     * @param name the thread's name
     * @param target the code the thread runs
     * @return the started thread
     * @throws NullPointerException if {@code name} or {@code target} is null
     */
    public static Thread startVirtual(String name, Runnable target) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(target, "target must not be null");
        return track(Thread.ofVirtual().name(name).start(target));
    }

    /**
     * Starts a named virtual thread that calls {@code target.accept(argument)}.
     *
     * @param name the thread's name
     * @param target the code the thread runs
     * @param argument the argument passed to the target, may be null
     * @param <T> the type of the argument
     * @return the started thread
     * @throws NullPointerException if {@code name} or {@code target} is null
     */
    public static <T> Thread startVirtual(String name, Consumer<? super T> target, T argument) {
        return startVirtual(name, bind(target, argument));
    }

    private static <T> Runnable bind(Consumer<? super T> target, T argument) {
        Objects.requireNonNull(target, "target must not be null");
        return () -> target.accept(argument);
    }

    private static Thread track(Thread thread) {
        CellWork.track(CellWork.handleOf(thread));
        return thread;
    }
}

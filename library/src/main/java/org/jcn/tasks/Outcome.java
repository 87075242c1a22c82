package org.jcn.tasks;

import java.util.Objects;

/**
 * How one task ended: with a value or with an exception. {@link Tasks#gather} returns one per task, like Python's
 * {@code asyncio.gather(..., return_exceptions=True)}.
 *
 * <p>An outcome is an immutable value. It is either a {@link Success} or a {@link Failure}, so a {@code switch}
 * can take it apart. The exception of a failure is the one the task threw, with its own stack trace; a
 * cancelled task's is a {@link java.util.concurrent.CancellationException}.
 *
 * {@snippet :
 * for (Outcome<String> outcome : Tasks.gather(first, second)) {
 *     switch (outcome) {
 *         case Outcome.Success<String>(String page) -> System.out.println("got " + page.length() + " chars");
 *         case Outcome.Failure<String>(Throwable e) -> System.out.println("failed: " + e);
 *     }
 * }
 * }
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T> {

    /**
     * Returns an outcome holding a value.
     *
     * @param value the value, may be null
     * @param <T> the type of the value
     * @return a success
     */
    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    /**
     * Returns an outcome holding an exception.
     *
     * @param exception the exception the task threw
     * @param <T> the type the value would have had
     * @return a failure
     * @throws NullPointerException if {@code exception} is null
     */
    static <T> Outcome<T> failure(Throwable exception) {
        return new Failure<>(exception);
    }

    /**
     * Returns whether the task returned a value.
     *
     * @return true for a success, false for a failure
     */
    boolean isSuccess();

    /**
     * Returns the task's value.
     *
     * @return the value, may be null
     * @throws IllegalStateException if the task failed; its cause is the task's exception
     */
    T value();

    /**
     * Returns the exception the task threw.
     *
     * @return the exception
     * @throws IllegalStateException if the task returned a value
     */
    Throwable exception();

    /**
     * A task that returned a value.
     *
     * @param value the value, may be null
     * @param <T> the type of the value
     */
    record Success<T>(T value) implements Outcome<T> {
        @Override
        public boolean isSuccess() {
            return true;
        }

        @Override
        public Throwable exception() {
            throw new IllegalStateException("the task succeeded with " + value + ": it has no exception");
        }
    }

    /**
     * A task that threw an exception or was cancelled.
     *
     * @param exception the exception, never null
     * @param <T> the type the value would have had
     */
    record Failure<T>(Throwable exception) implements Outcome<T> {
        /**
         * Creates a failure.
         *
         * @param exception the exception the task threw
         * @throws NullPointerException if {@code exception} is null
         */
        public Failure {
            Objects.requireNonNull(exception, "exception must not be null");
        }

        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("the task failed with " + exception + ": it has no value", exception);
        }
    }
}

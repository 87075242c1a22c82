package org.jcn.internal.process;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcn.processes.ChildProcessException;

/**
 * The front door to child JVMs: a target and its arguments encoded for the children ({@link Payloads},
 * {@link Codec}), the class loader their classes resolve in ({@link Loaders}), and running them on child JVMs, one
 * task at a time per child, each task going to the next child that is free. {@code ChildProcess},
 * {@link ChildPool} (so {@code ProcessPool} and a sweep's warm pool) and {@link Warmup} reach children only
 * through it.
 *
 * <p>A task's way, in one direction: {@code ChildProcess.start} → {@link #start} → {@link ChildJvm#launch} (its
 * command line from {@link JvmCommand}) and {@link ChildJvm#submit}, which writes a {@link TaskFrame} to the
 * child's stdin → {@link ChildMain#main} in the child, which reads the frame, decodes with {@link Codec}, runs the
 * task and answers with a RESULT or FAILURE frame. A child keeps the function it last ran; {@link ChildJvm} sends
 * a function only to a child that does not hold it yet, by the number each {@code ChildTasks} gets.
 *
 * <p>Encoding happens when a {@code ChildTasks} is made, so a target or argument that can't be sent is refused
 * before any child starts. Immutable; {@link #runOn} may be called from any thread.
 */
public final class ChildTasks {

    private static final AtomicInteger FUNCTION_IDS = new AtomicInteger();

    private final Loaders.Choice loader;
    private final int functionId = FUNCTION_IDS.incrementAndGet();
    private final byte[] function;
    /** One per task: its encoded argument, or null for a task without one. */
    private final byte[][] arguments;

    private ChildTasks(Object target, byte[] function, byte[][] arguments, List<?> values) {
        this.loader = Loaders.pick(target, values);
        this.function = function;
        this.arguments = arguments;
    }

    /**
     * One task per input, {@code function.apply(input)}; errors name an input by its position ("input 3").
     *
     * @throws IllegalArgumentException if the function or an input can't be sent (the message names which)
     */
    public static ChildTasks map(Object function, List<?> inputs) {
        byte[] encoded = Payloads.target(function, "function");
        byte[][] values = new byte[inputs.size()][];
        int i = 0;
        for (Object input : inputs) {
            values[i] = Payloads.value(input, "input " + i);
            i++;
        }
        return new ChildTasks(function, encoded, values, inputs);
    }

    /** One task without an argument: {@code call()} or {@code run()}. */
    static ChildTasks call(Object target) {
        return new ChildTasks(target, Payloads.target(target, "target"), new byte[][] {null}, List.of());
    }

    /** One task with an argument: {@code target.apply(argument)}. */
    static ChildTasks apply(Object target, Object argument) {
        byte[] value = Payloads.value(argument, "argument");
        return new ChildTasks(target, Payloads.target(target, "target"), new byte[][] {value},
                Collections.singletonList(argument));
    }

    /** A one-task child JVM and the future of its task's value. */
    public record Started(ChildJvm jvm, CompletableFuture<Object> result) {
    }

    /**
     * Starts a child JVM that runs {@code target}: with an argument {@code target.apply(argument)}, without one
     * {@code call()} or {@code run()}, and then exits.
     *
     * @param argument empty for a task without argument, else a list of the one argument (which may be null)
     * @throws IllegalArgumentException if the target or the argument can't be sent (nothing is started then)
     * @throws ChildProcessException    if the child JVM can't be started
     */
    public static Started start(Object target, List<?> argument) {
        ChildTasks task = argument.isEmpty() ? call(target) : apply(target, argument.get(0));
        ChildJvm jvm = ChildJvm.launch(true, null);
        return new Started(jvm, task.submit(jvm, 0));
    }

    /**
     * Runs the tasks on {@code workers}, each task going to the next worker that is free, and returns their values
     * in task order.
     *
     * @throws InterruptedException  if the waiting thread is interrupted; the workers are destroyed first
     * @throws ChildProcessException if a task threw (the cause is what it threw), or a worker died before it
     *                               answered
     */
    public List<Object> runOn(ChildJvm... workers) throws InterruptedException {
        if (arguments.length == 0) {
            return List.of();
        }
        Dispatch dispatch = new Dispatch();
        for (ChildJvm worker : workers) {
            dispatch.next(worker);
        }
        try {
            dispatch.done.get();
        } catch (InterruptedException e) {
            for (ChildJvm worker : workers) {
                worker.destroy("the thread waiting in map was interrupted");
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ChildProcessException c ? c
                    : new ChildProcessException("map failed: " + e.getCause(), e.getCause());
        }
        return Collections.unmodifiableList(Arrays.asList(dispatch.results));
    }

    private CompletableFuture<Object> submit(ChildJvm worker, int index) {
        return worker.submit(loader, functionId, function, arguments[index]);
    }

    /** One run of the tasks: hands the next task to a worker as it becomes free. */
    private final class Dispatch {
        final Object[] results = new Object[arguments.length];
        final AtomicInteger nextIndex = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        void next(ChildJvm worker) {
            int index = nextIndex.getAndIncrement();
            if (index >= results.length || done.isDone()) {
                return;
            }
            submit(worker, index).whenComplete((value, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                    return;
                }
                results[index] = value;
                if (finished.incrementAndGet() == results.length) {
                    done.complete(null);
                } else {
                    next(worker);
                }
            });
        }
    }
}

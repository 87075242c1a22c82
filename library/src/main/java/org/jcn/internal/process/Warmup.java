package org.jcn.internal.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jcn.processes.ChildProcessException;
import org.jcn.processes.SerializableCallable;
import org.jcn.processes.SerializableFunction;

/**
 * Prepares the start-up cache of child JVMs for the class path it runs with (kernel/install runs it with the
 * kernel's class path). On JDK 25+ it records a training run of a child, then builds an ahead-of-time cache from
 * it; on older JDKs one child writes a dynamic class-data archive. Prints one line; exit code 0 even when no
 * cache could be made (children then start without one).
 */
public final class Warmup {

    private Warmup() {
    }

    public static void main(String[] args) throws Exception {
        Path archive = JvmCommand.archive();
        if (archive == null) {
            System.out.println("child JVM start-up cache: none (no writable cache folder, or a class folder on the"
                    + " class path)");
            return;
        }
        if (!JvmCommand.aotSupported()) {
            train(null);
            for (int i = 0; i < 50 && !Files.isRegularFile(archive); i++) {
                Thread.sleep(100); // the archive is moved into place when the child's exit has been seen
            }
            System.out.println("child JVM start-up cache: " + (Files.isRegularFile(archive) ? archive : "none"));
            return;
        }
        Path aot = JvmCommand.aotCache(archive);
        Path configuration = Files.createTempFile(archive.getParent(), "training-", ".aotconf");
        Path temporary = aot.resolveSibling(aot.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            train(configuration);
            List<String> create = new ArrayList<>();
            create.add(JvmCommand.java().toString());
            create.addAll(JvmCommand.tuning());
            create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                    "-XX:AOTCache=" + temporary, "-cp", ChildClassPath.get().eager()));
            Process creator = new ProcessBuilder(create).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            creator.getOutputStream().close();
            if (!creator.waitFor(120, TimeUnit.SECONDS)) {
                creator.destroyForcibly().waitFor();
            }
            if (creator.exitValue() == 0 && Files.size(temporary) > 0) {
                Files.move(temporary, aot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("child JVM start-up cache: " + aot);
            } else {
                System.out.println("child JVM start-up cache: none (the JVM could not build one)");
            }
        } finally {
            Files.deleteIfExists(configuration);
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Runs what a notebook's children run, through the same front door: a lambda with an argument (twice, the
     * second time reusing the function the child holds), a callable, one that needs Java serialization, a failing
     * task.
     *
     * @param recordTo null, or the AOT configuration file the child records to
     */
    private static void train(Path recordTo) throws InterruptedException {
        ChildJvm child = ChildJvm.launch(false, recordTo);
        SerializableFunction<Integer, Integer> square = n -> n * n;
        SerializableCallable<String> hello = () -> "hello";
        SerializableCallable<String> failing = () -> {
            throw new IllegalStateException("training");
        };
        // Java serialization both ways: a lambda capturing more than plain data, returning an immutable list
        List<Integer> captured = List.of(1, 2);
        SerializableCallable<List<Integer>> serialized = () -> captured;
        ChildTasks.map(square, List.of(7, 8)).runOn(child);
        ChildTasks.call(hello).runOn(child);
        ChildTasks.call(serialized).runOn(child);
        try {
            ChildTasks.call(failing).runOn(child);
        } catch (ChildProcessException expected) {
            // the exception's way back is part of the training
        }
        child.close(60_000);
    }
}

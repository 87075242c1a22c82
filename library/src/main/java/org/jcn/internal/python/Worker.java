package org.jcn.internal.python;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.jcn.python.PythonException;
import org.jcn.python.PythonInterpreter;

/**
 * A Python process that keeps one warm pool (of threads or of processes) and runs batches of calls on it for the
 * Java side: {@code worker.py}, spoken to in JSON lines. One request at a time; a sweep uses one worker per
 * mechanism and closes it when it ends. While it waits for requests the cell need not wait for it. Not thread
 * safe: one caller at a time.
 */
public final class Worker implements AutoCloseable {

    /**
     * One batch's answer.
     *
     * @param results the calls' results, in call order
     * @param seconds the batch's time as the worker measured it with {@code time.perf_counter()}
     */
    public record Answer(List<Object> results, double seconds) {
    }

    private final PythonChild child;
    private final OutputStream requests;
    private final BlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();

    private Worker(PythonChild child) {
        this.child = child;
        this.requests = child.process().getOutputStream();
        Thread reader = new Thread(this::readAnswers, "jcn-python-" + child.process().pid() + "-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a worker on {@code python} with a warm pool of {@code size} workers of the given kind.
     *
     * @param kind        {@code threads} or {@code processes}
     * @param environment extra environment variables (such as {@code PYTHON_GIL=0})
     * @throws PythonException      if the worker can't start or its pool fails to start
     * @throws InterruptedException if interrupted meanwhile; the worker is destroyed
     */
    public static Worker start(PythonInterpreter python, String kind, int size, Map<String, String> environment)
            throws InterruptedException {
        PythonChild child;
        try {
            child = PythonChild.start(python.path(), List.of(Programs.folder().resolve("worker.py").toString()),
                    environment, false, true, "sweep worker, " + kind);
        } catch (IOException e) {
            throw new PythonException("could not start " + python.path() + ": " + e.getMessage(), null, "", null);
        }
        Worker worker = new Worker(child);
        try {
            worker.ask(Map.of("op", "open", "pool", kind, "size", size));
            return worker;
        } catch (InterruptedException | RuntimeException e) {
            worker.child.destroy();
            throw e;
        }
    }

    /**
     * Runs the calls (each a list: function name, then a list of arguments) with at most {@code workers} at once.
     *
     * @throws PythonException      if a call raised (with Python's traceback) or the worker died
     * @throws InterruptedException if interrupted meanwhile; the worker and its pool are destroyed
     */
    public Answer run(int workers, List<List<Object>> calls) throws InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "run");
        request.put("workers", workers);
        request.put("calls", calls);
        Map<?, ?> answer = ask(request);
        return new Answer(new java.util.ArrayList<Object>((List<?>) answer.get("results")),
                ((Number) answer.get("seconds")).doubleValue());
    }

    /** The worker's process id. */
    public long pid() {
        return child.process().pid();
    }

    private Map<?, ?> ask(Map<String, Object> request) throws InterruptedException {
        child.setIdle(false);
        try {
            try {
                requests.write((Json.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
                requests.flush();
            } catch (IOException e) {
                // the worker is gone: the answer queue says so below
            }
            Optional<String> line = answers.take();
            if (line.isEmpty()) {
                answers.add(line); // every later request sees the end too
                throw died();
            }
            Map<?, ?> answer = (Map<?, ?>) Json.parse(line.get());
            if (answer.get("error") instanceof Map<?, ?> error) {
                throw new PythonException("a Python task raised " + error.get("type") + ": " + error.get("message"),
                        String.valueOf(error.get("type")), String.valueOf(error.get("traceback")), null);
            }
            return answer;
        } catch (InterruptedException e) {
            child.destroy();
            throw e;
        } finally {
            child.setIdle(true);
        }
    }

    private PythonException died() throws InterruptedException {
        child.awaitExit(5_000);
        Process p = child.process();
        String stderr = child.stderrTail();
        return new PythonException(child.description() + (p.isAlive() ? " stopped answering"
                : " exited with code " + p.exitValue()) + (stderr.isEmpty() ? ""
                : "; its standard error ends with:\n" + stderr), null, stderr, p.isAlive() ? null : p.exitValue());
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.process().getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                answers.add(Optional.of(line));
            }
        } catch (IOException e) {
            // the worker is gone
        } finally {
            answers.add(Optional.empty());
        }
    }

    /** Ends the worker: its standard input closes, it shuts its pool down and exits; destroyed if it lingers. */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!child.awaitExit(5_000)) {
                child.destroy();
            }
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
        }
    }
}

package org.jcn.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;

import org.jcn.measure.SweepResult;

/**
 * Reads a class folder that learners can write to, trusting none of it (see {@link LearnerFile} for one file).
 *
 * <p>Java cannot open a file without blocking, so a file swapped for a FIFO between its check and its opening would
 * block {@code open()} until someone writes to the FIFO. The files are therefore read on a helper thread; when it
 * makes no progress for {@link #STALL_SECONDS} seconds, the file it is stuck on is left out ("did not open"), the
 * helper is abandoned (its thread stays blocked until a writer comes), and a fresh helper reads on.
 */
final class FolderReader {

    static final int STALL_SECONDS = 2;

    private FolderReader() {
    }

    static ClassResults read(Path dir) {
        return read(dir, LearnerFile::read);
    }

    /** Reads with {@code reader} for each file (tests give one that blocks). */
    static ClassResults read(Path dir, BiFunction<Path, Owners, LearnerFile.Outcome> reader) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.csv")) {
            listing.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
        files.sort(null);
        Owners owners = Owners.of(dir);
        AtomicReferenceArray<LearnerFile.Outcome> outcomes = new AtomicReferenceArray<>(files.size());
        int from = 0;
        while (from < files.size()) {
            int start = from;
            AtomicInteger at = new AtomicInteger(start);
            Thread helper = Thread.ofPlatform().daemon().name("class-folder-reader").start(() -> {
                for (int i = start; i < files.size() && !Thread.currentThread().isInterrupted();
                        i = at.incrementAndGet()) {
                    outcomes.compareAndSet(i, null, reader.apply(files.get(i), owners));
                }
            });
            from = waitFor(helper, at, files.size());
            if (from < files.size()) {
                outcomes.compareAndSet(from, null, LearnerFile.Outcome.skip(files.get(from), "did not open within "
                        + STALL_SECONDS + " s (a FIFO swapped in after the check?); left out"));
                from++;
            }
        }
        Map<String, SweepResult> sweeps = new TreeMap<>();
        Map<String, FileTime> times = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            LearnerFile.Outcome o = outcomes.get(i);
            if (o.problem() != null) {
                skipped.add(o.problem());
            } else if (!times.containsKey(o.learner()) || times.get(o.learner()).compareTo(o.time()) < 0) {
                sweeps.put(o.learner(), o.sweep());
                times.put(o.learner(), o.time());
            }
        }
        skipped.sort(null);
        return new ClassResults(sweeps, skipped);
    }

    /** @return the number of files when the helper finished, else the index of the file it is stuck on */
    private static int waitFor(Thread helper, AtomicInteger at, int count) {
        try {
            int seen = at.get();
            while (true) {
                helper.join(STALL_SECONDS * 1000L);
                int now = at.get();
                if (!helper.isAlive()) {
                    return count;
                }
                if (now == seen) {
                    helper.interrupt();   // does not unblock open(); it stops the helper if the open ever returns
                    return now;
                }
                seen = now;
            }
        } catch (InterruptedException e) {
            helper.interrupt();
            Thread.currentThread().interrupt();
            CancellationException stop = new CancellationException("interrupted while reading the class folder");
            stop.initCause(e);
            throw stop;
        }
    }
}

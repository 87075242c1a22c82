package org.jcn.classroom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;

import org.jcn.measure.SweepResult;

/**
 * One learner's file, read without trusting it: looked at without following links before it is opened, so that a
 * link, FIFO, socket or device is never opened; opened without following links; at most {@link #MAX_BYTES} read;
 * its owner matched to the learner it names ({@link Owners}); every value checked ({@link SweepCheck}). Any
 * failure becomes the file's reason to be left out, never an exception.
 */
final class LearnerFile {

    /** The largest file read: the setup notebook's sweep is a few kilobytes. */
    static final int MAX_BYTES = 256 * 1024;

    private LearnerFile() {
    }

    /**
     * What became of one file: a learner's sweep, or the reason it was left out.
     *
     * @param learner the learner it names
     * @param sweep   the sweep, or null
     * @param time    when the file was last written
     * @param problem {@code NAME.csv: reason}, or null
     */
    record Outcome(String learner, SweepResult sweep, FileTime time, String problem) {
        static Outcome skip(Path file, String reason) {
            return new Outcome(null, null, null, file.getFileName() + ": " + reason);
        }
    }

    static Outcome read(Path file, Owners owners) {
        String name = file.getFileName().toString();
        String learner = name.substring(0, name.length() - ".csv".length()).split("\\+", 2)[0];
        try {
            BasicFileAttributes attributes = owners.posix()
                    ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String problem = null;
            if (!attributes.isRegularFile()) {
                problem = "not a regular file (" + kind(attributes) + "); not opened";
            } else if (attributes.size() > MAX_BYTES) {
                problem = attributes.size() + " bytes, more than the " + MAX_BYTES + " a sweep can take; not read";
            } else if (learner.isEmpty()) {
                problem = "names no learner";
            } else if (attributes instanceof PosixFileAttributes posix) {
                problem = owners.problem(learner, posix.owner().getName());
            }
            if (problem != null) {
                return Outcome.skip(file, problem);
            }
            SweepResult sweep = SweepResult.fromCsv(new String(bytes(file), StandardCharsets.UTF_8), name);
            problem = SweepCheck.problem(sweep);
            return problem != null ? Outcome.skip(file, problem)
                    : new Outcome(learner, sweep, attributes.lastModifiedTime(), null);
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            message = message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
            return Outcome.skip(file, SweepCheck.shorten((e instanceof IllegalArgumentException ? ""
                    : e.getClass().getSimpleName() + ": ") + message, 300));
        }
    }

    private static byte[] bytes(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_BYTES + 1, channel.size() + 1));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                Thread.onSpinWait();
            }
            if (buffer.position() > MAX_BYTES || channel.read(ByteBuffer.allocate(1)) > 0) {
                throw new IOException("grew past " + MAX_BYTES + " bytes while it was read");
            }
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private static String kind(BasicFileAttributes a) {
        return a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a folder" : "a FIFO, socket or device";
    }
}

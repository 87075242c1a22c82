package org.jcn.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.jcn.measure.SweepResult;

/**
 * A folder the whole class can write to (a shared folder on a JupyterHub server, a network drive), where each
 * learner's setup notebook leaves its machine's sweep and the teacher's notebook reads them all back.
 *
 * <p>The teacher switches it on by setting the environment variable {@value #VARIABLE} to the folder before the
 * learners' Jupyter servers start (on JupyterHub: {@code c.Spawner.environment}). Each learner has one file,
 * {@code NAME.csv} (the sweep's CSV, as {@link SweepResult#writeCsv} writes it): running the notebook again
 * replaces it. A file is written under a temporary name and then renamed, so a reader never sees half of one.
 *
 * <p>Learners can write to the folder, so nothing in it is trusted. Files are written readable by everyone
 * ({@code rw-r--r--}, whatever the umask), so that the teacher, another Unix user, can read them. When another Unix
 * user has taken {@code NAME.csv} first, the learner's file goes to {@code NAME+RANDOM.csv} instead and the save
 * succeeds. The reader takes only regular files (no links, FIFOs or devices; checked before anything is opened,
 * opened without following links), at most 256 KiB each, owned by the learner they name (or by the teacher or the
 * folder's owner), with sane values: times positive and under an hour, worker and core counts from 1 to 1,024,
 * a Java version and a date that parse. Every other file is left out and named with its reason in
 * {@link ClassResults#skipped()}; no file makes the reading fail. Instances are immutable and thread safe;
 * nothing here stays open.
 *
 * {@snippet :
 * Optional<ClassFolder> folder = ClassFolder.fromEnvironment();   // empty when JCN_CLASS_DIR is not set
 * folder.ifPresent(f -> f.save(mySweep));                        // learner: ada.csv
 * ClassResults everyone = ClassFolder.of(Path.of("/srv/class")).read();   // teacher
 * everyone.toSpeedupChart();
 * }
 */
public final class ClassFolder {

    /** The environment variable that names the class's folder. */
    public static final String VARIABLE = "JCN_CLASS_DIR";

    private final Path dir;

    private ClassFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * The folder named by {@value #VARIABLE}, if it is set and not blank.
     *
     * @return the folder, or empty when the variable is not set
     * @throws IllegalArgumentException if the variable names something that is not a folder
     */
    public static Optional<ClassFolder> fromEnvironment() {
        String value = System.getenv(VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(of(Path.of(value.strip())));
    }

    /**
     * A class folder that exists.
     *
     * @param dir the folder
     * @return the class folder
     * @throws NullPointerException     if {@code dir} is null
     * @throws IllegalArgumentException if {@code dir} is not an existing folder
     */
    public static ClassFolder of(Path dir) {
        Objects.requireNonNull(dir, "dir must not be null");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the class folder " + dir + " does not exist or is not a folder"
                    + " (" + VARIABLE + " must name a folder every learner can write to)");
        }
        return new ClassFolder(dir);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /**
     * This learner's name: {@code JUPYTERHUB_USER} on a JupyterHub server, otherwise the user name and the host
     * name ({@code ada@laptop-7}), so that learners who share a folder from their own laptops do not overwrite
     * each other.
     *
     * @return the name, made of letters, digits, {@code . _ - @}
     */
    public static String learner() {
        String hubUser = System.getenv("JUPYTERHUB_USER");
        if (hubUser != null && !hubUser.isBlank()) {
            return safeName(hubUser);
        }
        return safeName(System.getProperty("user.name", "learner") + "@" + hostName());
    }

    /**
     * The machine's name from the environment or {@code /etc/hostname}: no name lookup, which can wait for a DNS
     * time-out on a machine without a network (InetAddress.getLocalHost does one).
     */
    private static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        try {
            String name = Files.readString(Path.of("/etc/hostname")).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * Saves a sweep as {@linkplain #learner() this learner}'s file, replacing an earlier one.
     *
     * @param sweep the sweep
     * @return the file written
     * @throws NullPointerException if {@code sweep} is null
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path save(SweepResult sweep) {
        return save(learner(), sweep);
    }

    /**
     * Saves a sweep as the named learner's file, {@code NAME.csv}, replacing an earlier one.
     *
     * @param learner the learner's name; characters other than letters, digits and {@code . _ - @} become
     *                {@code _}
     * @param sweep   the sweep
     * @return the file written
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code learner} is blank
     * @throws UncheckedIOException     if the file cannot be written
     */
    public Path save(String learner, SweepResult sweep) {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(sweep, "sweep must not be null");
        if (learner.isBlank()) {
            throw new IllegalArgumentException("learner must not be blank");
        }
        String name = safeName(learner);
        try {
            Path partial = Files.createTempFile(dir, ".partial-", ".tmp");
            try {
                sweep.writeCsv(partial);
                return ClassFiles.publish(partial, dir, name);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save " + dir.resolve(name + ".csv"), e);
        }
    }

    /**
     * Reads every learner's file, as the class's description says. A file that is not a sweep's CSV, not a regular
     * file, too big, not owned by the learner it names or holding values out of range is left out and named with
     * the reason in {@link ClassResults#skipped()}, so a broken or planted file neither hides the class nor fails
     * the reading. Of a learner's files the newest good one counts.
     *
     * @return the learners' sweeps, ordered by name
     * @throws UncheckedIOException if the folder cannot be listed
     * @throws java.util.concurrent.CancellationException if the thread is interrupted (the flag is set again)
     */
    public ClassResults read() {
        return FolderReader.read(dir);
    }

    @Override
    public String toString() {
        return "ClassFolder[" + dir + "]";
    }

    private static String safeName(String name) {
        return name.strip().replaceAll("[^\\p{Alnum}._@-]", "_");
    }
}

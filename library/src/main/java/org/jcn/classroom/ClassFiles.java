package org.jcn.classroom;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;

/**
 * Puts a learner's finished file in place in a shared folder.
 *
 * <p>The file is made readable by everyone ({@code rw-r--r--}, set explicitly, whatever the umask): the teacher,
 * another Unix user, must read it, and a sweep holds nothing private (core counts, a Java version, times). It then
 * replaces {@code NAME.csv} by a rename. When {@code NAME.csv} belongs to another Unix user (someone claimed the
 * name first; in a folder with the sticky bit, {@code chmod 1777}, only its owner can replace it), the file goes to
 * {@code NAME+RANDOM.csv} instead: the reader takes a learner's newest file that the learner owns, and leaves the
 * other user's {@code NAME.csv} out. {@code +} never occurs in a learner's name.
 */
final class ClassFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClassFiles() {
    }

    static Path publish(Path partial, Path dir, String name) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(partial, PosixFileAttributeView.class);
        UserPrincipal me = null;
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            me = view.getOwner();
        }
        Path target = dir.resolve(name + ".csv");
        if (me == null || !takenByOther(target, me)) {
            try {
                move(partial, target);
                removeOwnSpares(dir, name, me);
                return target;
            } catch (FileSystemException e) {
                if (me == null || !takenByOther(target, me)) {
                    throw e;
                }
            }
        }
        removeOwnSpares(dir, name, me);
        for (int attempt = 0; ; attempt++) {
            Path spare = dir.resolve(name + "+" + Long.toString(RANDOM.nextLong() >>> 1, 36) + ".csv");
            try {
                if (!Files.exists(spare, LinkOption.NOFOLLOW_LINKS)) {
                    move(partial, spare);
                    return spare;
                }
            } catch (FileSystemException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private static boolean takenByOther(Path target, UserPrincipal me) throws IOException {
        return Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.getOwner(target, LinkOption.NOFOLLOW_LINKS).equals(me);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes this user's earlier {@code NAME+RANDOM.csv} files, so that one learner leaves one file. */
    private static void removeOwnSpares(Path dir, String name, UserPrincipal me) throws IOException {
        try (DirectoryStream<Path> spares = Files.newDirectoryStream(dir, name.replaceAll("[\\[\\]{}*?\\\\]", "?")
                + "+*.csv")) {
            for (Path spare : spares) {
                if (me == null || Files.getOwner(spare, LinkOption.NOFOLLOW_LINKS).equals(me)) {
                    Files.deleteIfExists(spare);
                }
            }
        }
    }
}

package org.jcn.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;

/**
 * Whose file may stand for which learner. On a shared server every learner is a Unix user, and a file is shown
 * as learner {@code N} only when its owner {@code O} is that learner: {@code O} is {@code N}, or {@code N} is
 * {@code O@host} (a laptop's name, as {@link ClassFolder#learner()} makes it), or {@code O} is {@code jupyter-N}
 * (The Littlest JupyterHub's Unix names). Files of the reading user (the teacher) and of the folder's owner stand
 * for any learner: the teacher may copy files in. On a file system without Unix owners nothing is checked.
 *
 * @param posix   whether the folder's file system has Unix owners
 * @param trusted the owners whose files may name any learner
 */
record Owners(boolean posix, Set<String> trusted) {

    static Owners of(Path dir) {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return new Owners(false, Set.of());
        }
        String reader = System.getProperty("user.name", "");
        try {
            return new Owners(true, java.util.stream.Stream.of(reader, view.getOwner().getName())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        } catch (IOException e) {
            return new Owners(true, Set.of(reader));
        }
    }

    /** @return why {@code owner}'s file may not stand for {@code learner}, or null when it may */
    String problem(String learner, String owner) {
        if (!posix || trusted.contains(owner) || owner.equals(learner) || learner.startsWith(owner + "@")
                || owner.equals("jupyter-" + learner)) {
            return null;
        }
        return "owned by Unix user " + owner + ", not by learner " + learner + "; left out";
    }
}

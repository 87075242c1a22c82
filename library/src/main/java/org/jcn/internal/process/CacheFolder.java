package org.jcn.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The folder that holds the child JVMs' start-up caches (see {@link JvmCommand}), and its upkeep. */
final class CacheFolder {

    private static final int KEPT_ARCHIVES = 8;

    private CacheFolder() {
    }

    static Path cacheDirectory() {
        return cacheDirectory(System.getProperty("user.home"), System.getProperty("java.io.tmpdir"),
                System.getProperty("user.name"));
    }

    /**
     * The folder for start-up caches: ~/.cache/jcn, or else {@code jcn-USER} in the temporary folder. The latter
     * may be shared with other users (a JupyterHub host, a lab machine), where anyone could create it first and
     * plant a cache that every child JVM would then load; so it is used only if this user owns it and nobody else
     * may enter it. Null when neither will do: children then start without a cache.
     */
    static Path cacheDirectory(String home, String tmp, String user) {
        if (home != null && !home.isBlank()) {
            try {
                Path dir = Files.createDirectories(Path.of(home, ".cache", "jcn"));
                if (Files.isWritable(dir)) {
                    return dir;
                }
            } catch (IOException | SecurityException | InvalidPathException e) {
                // fall back to the temporary folder
            }
        }
        try {
            return privateFolder(Path.of(tmp, "jcn-" + user), user);
        } catch (IOException | SecurityException | InvalidPathException | UnsupportedOperationException e) {
            return null; // not a POSIX file system, or the folder can't be made or read
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /**
     * {@code dir}, created with owner-only permissions if missing; null if it is a link, not a folder, owned by
     * someone other than {@code user}, or open to group or others.
     */
    private static Path privateFolder(Path dir, String user) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // made earlier, by this user or another: checked below
        }
        PosixFileAttributes folder = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        boolean mine = folder.isDirectory() && folder.owner().equals(me);
        return mine && OWNER_ONLY.containsAll(folder.permissions()) ? dir : null;
    }

    /** Keeps the cache folder small: the newest archives (one per JDK and class path) stay, the rest go. */
    static void removeStaleArchives(Path dir) {
        try (var files = Files.list(dir)) {
            List<Path> archives = new ArrayList<>(files
                    .filter(f -> f.getFileName().toString().startsWith("child-")).toList());
            archives.sort(java.util.Comparator.comparingLong((Path f) -> f.toFile().lastModified()).reversed());
            long dayAgo = System.currentTimeMillis() - 86_400_000L;
            for (int i = 0; i < archives.size(); i++) {
                Path file = archives.get(i);
                boolean staleTemporary = file.toString().endsWith(".tmp") && file.toFile().lastModified() < dayAgo;
                boolean cache = file.toString().endsWith(".jsa") || file.toString().endsWith(".aot");
                if (staleTemporary || (i >= KEPT_ARCHIVES && cache)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // tidying is optional
        }
    }
}

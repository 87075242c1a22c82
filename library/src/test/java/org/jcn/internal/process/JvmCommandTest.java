package org.jcn.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where child JVMs keep their start-up cache when the home folder can't hold it: a shared temporary folder. */
class JvmCommandTest {

    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path tmp;

    /** A "home" in which no .cache folder can be made: a plain file stands where the folder would go. */
    private String unusableHome;

    @BeforeEach
    void homeWithoutRoomForACache() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(home.resolve(".cache"), "a file, not a folder");
        unusableHome = home.toString();
    }

    private Path fallback() {
        return tmp.resolve("jcn-" + USER);
    }

    @Test
    void theHomeFolderIsUsedWhenItCanHoldTheCache() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("writable-home"));
        assertEquals(home.resolve(".cache/jcn"), CacheFolder.cacheDirectory(home.toString(), tmp.toString(), USER));
    }

    @Test
    void theTemporaryFallbackIsCreatedForItsOwnerAlone() throws IOException {
        assertEquals(fallback(), CacheFolder.cacheDirectory(unusableHome, tmp.toString(), USER));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback())));
        assertEquals(fallback(), CacheFolder.cacheDirectory(unusableHome, tmp.toString(), USER), "a second time");
    }

    @Test
    void aFallbackFolderOthersMayWriteIntoIsRefusedAndLeftAlone() throws IOException {
        Files.createDirectory(fallback());
        Files.setPosixFilePermissions(fallback(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(CacheFolder.cacheDirectory(unusableHome, tmp.toString(), USER));
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback())));
    }

    @Test
    void aFallbackFolderOthersMayReadIsRefused() throws IOException {
        Files.createDirectory(fallback());
        Files.setPosixFilePermissions(fallback(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertNull(CacheFolder.cacheDirectory(unusableHome, tmp.toString(), USER));
    }

    @Test
    void aFallbackThatIsALinkIsRefused() throws IOException {
        Path mine = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(fallback(), mine);
        assertNull(CacheFolder.cacheDirectory(unusableHome, tmp.toString(), USER));
    }

    @Test
    void aFallbackFolderOfAnotherUserIsRefused() throws IOException {
        Files.createDirectory(fallback());
        Files.setPosixFilePermissions(fallback(), PosixFilePermissions.fromString("rwx------"));
        try {
            // Only root may give a folder away; elsewhere this case can't be set up.
            var users = tmp.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(fallback(), users.lookupPrincipalByName("nobody"));
        } catch (IOException e) {
            assumeTrue(false, "can't give a folder to another user here: " + e);
        }
        assertNull(CacheFolder.cacheDirectory(unusableHome, tmp.toString(), USER));
    }
}

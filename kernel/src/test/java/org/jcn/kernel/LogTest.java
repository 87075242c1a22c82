package org.jcn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTest {

    @Test
    void theLogIsCreatedOwnerOnlyWhateverItWasBefore(@TempDir Path folder) throws Exception {
        Path fresh = Log.ownerOnly(folder.resolve("kernel-1.log"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        Path old = Files.createFile(folder.resolve("kernel-2.log"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Log.ownerOnly(old);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
    }
}

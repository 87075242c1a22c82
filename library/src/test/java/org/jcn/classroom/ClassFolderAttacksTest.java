package org.jcn.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.IntStream;

import org.jcn.display.Charts;
import org.jcn.measure.KnownSweeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a learner who can write to the class folder could do to it, and what the teacher's reading makes of it. */
@Timeout(60)
class ClassFolderAttacksTest {

    @TempDir
    Path dir;

    private String reasonFor(ClassResults read, String file) {
        return read.skipped().stream().filter(s -> s.startsWith(file + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is not among the skipped " + read.skipped()));
    }

    private String goodCsv() throws Exception {
        return Files.readString(ClassFolder.of(dir).save("template", KnownSweeps.amdahl(0.5, 2, 3)));
    }

    @Test
    void filesAreReadableByEveryoneWhateverTheUmask() throws Exception {
        Path saved = ClassFolder.of(dir).save("ada", KnownSweeps.amdahl(0.5, 2, 3));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
    }

    @Test
    void linksFifosFoldersAndHugeFilesAreLeftOutUnopened() throws Exception {
        ClassFolder folder = ClassFolder.of(dir);
        folder.save("ada", KnownSweeps.amdahl(0.5, 2, 3));
        Files.createSymbolicLink(dir.resolve("zero.csv"), Path.of("/dev/zero"));
        Files.createSymbolicLink(dir.resolve("copy.csv"), dir.resolve("ada.csv"));
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("pipe.csv").toString()).start().waitFor());
        Files.createDirectory(dir.resolve("folder.csv"));
        Files.write(dir.resolve("huge.csv"), new byte[LearnerFile.MAX_BYTES + 1]);

        ClassResults read = folder.read();
        assertEquals(List.of("ada", "template").subList(0, 1), read.learners());
        assertTrue(reasonFor(read, "zero.csv").contains("symbolic link"));
        assertTrue(reasonFor(read, "copy.csv").contains("symbolic link"));
        assertTrue(reasonFor(read, "pipe.csv").contains("not a regular file"));
        assertTrue(reasonFor(read, "folder.csv").contains("a folder"));
        assertTrue(reasonFor(read, "huge.csv").contains("more than the " + LearnerFile.MAX_BYTES));
    }

    @Test
    void everyValueIsCheckedAndABadFileIsLeftOutWithItsReason() throws Exception {
        String good = goodCsv();
        Files.delete(dir.resolve("template.csv"));
        String date = good.lines().skip(1).findFirst().orElseThrow().replaceAll(".*,", "");
        Files.writeString(dir.resolve("ada.csv"), good);
        Files.writeString(dir.resolve("date.csv"), good.replace(date, "yesterday"));
        Files.writeString(dir.resolve("zero.csv"), good.replaceAll("(?m)^(amdahl,[^,]+,1,1,)[0-9]+", "$10"));
        Files.writeString(dir.resolve("java.csv"), good.replace(",25,V,", ",99999999999,V,"));
        Files.writeString(dir.resolve("workers.csv"), good.replaceAll("(?m)^(amdahl,[^,]+,)3,", "$12147483647,"));
        Files.writeString(dir.resolve("cores.csv"), good.replace(",V,Linux amd64", ",V,Linux amd64")
                .replaceAll("(?m)^(amdahl,[^,]+,[0-9]+,[0-9]+,[0-9]+,-?[0-9]+,)2,", "$10,"));
        Files.writeString(dir.resolve("text.csv"), "\u0000\u0001binary");

        ClassResults read = ClassFolder.of(dir).read();
        assertEquals(List.of("ada"), read.learners());
        assertTrue(reasonFor(read, "date.csv").contains("yesterday"));
        assertTrue(reasonFor(read, "zero.csv").contains("elapsed_ns 0"));
        assertTrue(reasonFor(read, "java.csv").contains("Java version \"99999999999\""));
        assertTrue(reasonFor(read, "workers.csv").contains("2147483647"));
        assertTrue(reasonFor(read, "cores.csv").contains("cores 0"));
        assertTrue(reasonFor(read, "text.csv").contains("header"));
        assertTrue(Charts.png(read.toSpeedupChart()).length > 1000);
        assertEquals(1, read.toTable().rowCount());
    }

    @Test
    void aFileOwnedByAnotherUserDoesNotShowAsTheLearnerItNames() throws Exception {
        UserPrincipal nobody = other();
        String good = goodCsv();
        Files.writeString(dir.resolve("alice.csv"), good);
        Files.setOwner(dir.resolve("alice.csv"), nobody);
        Files.writeString(dir.resolve(nobody.getName() + ".csv"), good);
        Files.setOwner(dir.resolve(nobody.getName() + ".csv"), nobody);

        ClassResults read = ClassFolder.of(dir).read();
        assertEquals(List.of(nobody.getName(), "template"), read.learners());
        assertTrue(reasonFor(read, "alice.csv").contains("owned by Unix user " + nobody.getName()
                + ", not by learner alice"));
    }

    @Test
    void aNameClaimedFirstByAnotherUserNeitherFailsTheSaveNorShowsAsTheLearner() throws Exception {
        UserPrincipal nobody = other();
        Files.writeString(dir.resolve("alice.csv"), goodCsv().replace(",25,V,", ",21,V,"));
        Files.setOwner(dir.resolve("alice.csv"), nobody);
        Files.delete(dir.resolve("template.csv"));

        ClassFolder folder = ClassFolder.of(dir);
        Path first = folder.save("alice", KnownSweeps.amdahl(0.0, 4, 4));
        Path second = folder.save("alice", KnownSweeps.amdahl(0.0, 8, 8));
        assertTrue(second.getFileName().toString().matches("alice\\+[0-9a-z]+\\.csv"), second.toString());
        assertTrue(Files.notExists(first, LinkOption.NOFOLLOW_LINKS), "the earlier spare file is replaced");
        ClassResults read = folder.read();
        assertEquals(List.of("alice"), read.learners());
        assertEquals(8, read.sweep("alice").platform().cores());
        assertTrue(reasonFor(read, "alice.csv").contains("not by learner alice"));
    }

    @Test
    void tenThousandFilesAreReadAndCharted() throws Exception {
        String good = goodCsv();
        for (int i : IntStream.range(0, 10_000).toArray()) {
            Files.writeString(dir.resolve(String.format("learner-%05d.csv", i)), good);
        }
        ClassResults read = ClassFolder.of(dir).read();
        assertEquals(10_001, read.size());
        assertTrue(read.skipped().isEmpty(), () -> read.skipped().subList(0, 1).toString());
        assertTrue(Charts.png(read.toSpeedupChart()).length > 1000);
        assertEquals(10_001, read.toTable().rowCount());
    }

    @Test
    void aFileThatBlocksOnOpeningIsLeftOutAndTheRestIsRead() throws Exception {
        ClassFolder.of(dir).save("ada", KnownSweeps.amdahl(0.5, 2, 3));
        ClassFolder.of(dir).save("grace", KnownSweeps.amdahl(0.5, 2, 3));
        Path fifo = dir.resolve("bob.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // As if bob.csv became a FIFO between its check and its opening: opening it blocks until someone writes.
        ClassResults read = FolderReader.read(dir, (file, owners) -> {
            if (file.equals(fifo)) {
                try (var in = Files.newInputStream(fifo)) {
                    in.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return LearnerFile.read(file, owners);
        });
        try (var unblock = Files.newOutputStream(fifo)) {
            unblock.flush();   // lets the abandoned helper go
        }
        assertEquals(List.of("ada", "grace"), read.learners());
        assertTrue(reasonFor(read, "bob.csv").contains("did not open within " + FolderReader.STALL_SECONDS + " s"));
    }

    /** Another Unix user than this one: changing a file's owner needs root. */
    private static UserPrincipal other() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "giving a file to another user needs root");
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }
}

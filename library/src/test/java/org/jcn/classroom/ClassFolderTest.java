package org.jcn.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jcn.measure.KnownSweeps;
import org.jcn.measure.SweepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ClassFolderTest {

    @TempDir
    Path dir;

    @Test
    void eachLearnerHasOneFileThatASecondRunReplaces() {
        ClassFolder folder = ClassFolder.of(dir);
        folder.save("ada", KnownSweeps.amdahl(0.5, 2, 3));
        Path second = folder.save("ada", KnownSweeps.amdahl(0.0, 2, 3));
        folder.save("grace", KnownSweeps.amdahl(0.1, 8, 9));

        assertEquals(dir.resolve("ada.csv"), second);
        ClassResults read = folder.read();
        assertEquals(List.of("ada", "grace"), read.learners());
        assertEquals(2.0, read.sweep("ada").speedup(read.sweep("ada").mechanisms().get(0), 2), 1e-6);
        assertEquals(8, read.sweep("grace").platform().cores());
        assertTrue(read.skipped().isEmpty());
    }

    @Test
    void leavesNoPartialFileBehind() throws Exception {
        ClassFolder.of(dir).save("ada", KnownSweeps.amdahl(0.5, 2, 3));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("ada.csv"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aNameThatIsNotAFileNameIsMadeSafe() {
        Path saved = ClassFolder.of(dir).save("../ada lovelace", KnownSweeps.amdahl(0.5, 2, 3));
        assertEquals(dir, saved.getParent());
        assertEquals(".._ada_lovelace.csv", saved.getFileName().toString());
    }

    @Test
    void aBrokenFileIsSkippedAndNamedWithItsReason() throws Exception {
        ClassFolder folder = ClassFolder.of(dir);
        folder.save("ada", KnownSweeps.amdahl(0.5, 2, 3));
        Files.writeString(dir.resolve("bob.csv"), "not,a,sweep\n");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not a CSV file");

        ClassResults read = folder.read();
        assertEquals(List.of("ada"), read.learners());
        assertEquals(1, read.skipped().size());
        assertTrue(read.skipped().get(0).startsWith("bob.csv: "), read.skipped().get(0));
        assertTrue(read.skipped().get(0).contains("line 1 must be the header"), read.skipped().get(0));
    }

    @Test
    void aMissingFolderIsNamedInTheError() {
        Path missing = dir.resolve("nowhere");
        var e = assertThrows(IllegalArgumentException.class, () -> ClassFolder.of(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(ClassFolder.VARIABLE), e.getMessage());
    }

    @Test
    void argumentsAreChecked() {
        ClassFolder folder = ClassFolder.of(dir);
        SweepResult sweep = KnownSweeps.amdahl(0.5, 2, 3);
        assertEquals("learner must not be blank",
                assertThrows(IllegalArgumentException.class, () -> folder.save(" ", sweep)).getMessage());
        assertEquals("sweep must not be null",
                assertThrows(NullPointerException.class, () -> folder.save("ada", null)).getMessage());
        assertEquals("dir must not be null",
                assertThrows(NullPointerException.class, () -> ClassFolder.of(null)).getMessage());
    }

    @Test
    void theLearnerIsNamedWithoutCharactersAFileNameCannotHold() {
        String learner = ClassFolder.learner();
        assertFalse(learner.isBlank());
        assertTrue(learner.matches("[\\p{Alnum}._@-]+"), learner);
    }
}

package org.jcn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DownloadLimitTest {

    @Test
    void aHighLimitGivesWhatIsAsked() {
        DownloadLimit fits = DownloadLimit.of(400, 20_000, 150);
        assertEquals(400, fits.downloads());
        assertFalse(fits.limitedByDescriptors());
        assertEquals("400 downloads at once, as asked: the limit of 20,000 open files (ulimit -n), with 150 open and"
                + " 1,000 kept spare, leaves room for 9,425 at 2 descriptors each", fits.toString());
    }

    @Test
    void theLimitCapsTheCountAtTwoDescriptorsPerDownload() {
        DownloadLimit fits = DownloadLimit.of(10_000, 20_000, 1_000);
        assertEquals(9_000, fits.downloads());
        assertTrue(fits.limitedByDescriptors());
        assertTrue(fits.toString().startsWith("9,000 downloads at once, not the 10,000 asked: the limit of 20,000"),
                fits.toString());
    }

    @Test
    void aLowLimitKeepsAQuarterSpareAndStillLeavesAPositiveCount() {
        // ulimit -n 256 with 138 open, as seen in lesson 03: a fixed spare of 1,000 made this -441.
        DownloadLimit fits = DownloadLimit.of(400, 256, 138);
        assertEquals(64, fits.spare());
        assertEquals(27, fits.downloads());
        assertTrue(fits.toString().startsWith("27 downloads at once, not the 400 asked"), fits.toString());
    }

    @Test
    void noRoomAtAllStillMeasuresTheFewestAndSaysToRaiseTheLimit() {
        DownloadLimit fits = DownloadLimit.of(400, 256, 250);
        assertEquals(DownloadLimit.FEWEST, fits.downloads());
        assertEquals("10 downloads at once, the fewest worth measuring, though the limit of 256 open files"
                + " (ulimit -n), with 250 open and 64 kept spare, leaves room for 0 at 2 descriptors each; raise the"
                + " limit before starting Jupyter (ulimit -n 20000) if they fail with \"Too many open files\"",
                fits.toString());
        assertEquals(3, DownloadLimit.of(3, 256, 250).downloads(), "never more than wanted");
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("wanted must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> DownloadLimit.of(0, 10, 1)).getMessage());
        assertEquals("descriptorLimit must be >= 1 but was -1",
                assertThrows(IllegalArgumentException.class, () -> DownloadLimit.of(1, -1, 1)).getMessage());
        assertEquals("descriptorsOpen must be >= 0 but was -2",
                assertThrows(IllegalArgumentException.class, () -> DownloadLimit.of(1, 10, -2)).getMessage());
    }
}

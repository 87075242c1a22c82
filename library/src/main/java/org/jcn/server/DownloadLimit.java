package org.jcn.server;

import java.util.Locale;

/**
 * How many downloads from a {@link LatencyServer} in the same JVM can be in flight at once, given the process's
 * limit on open files, and what set that number.
 *
 * <p>Every connection is a socket, and every socket a file descriptor. With the server in the same JVM as the
 * client, each download in flight holds two: the client's end and the server's. Past the limit ({@code ulimit -n})
 * the next connection fails with "Too many open files". Of the descriptors not yet open, a quarter of the limit
 * (at most 1,000) is kept spare for everything else the JVM opens meanwhile (class files, child JVMs' pipes); the
 * rest is shared out at two per download. A limit too low for even {@value #FEWEST} downloads still gets
 * {@value #FEWEST}, the fewest at which overlapping waits show, and the description says to raise it. Immutable.
 *
 * {@snippet :
 * var os = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
 * DownloadLimit fits = DownloadLimit.of(10_000, os.getMaxFileDescriptorCount(), os.getOpenFileDescriptorCount());
 * fits.downloads();   // 9,000 with a limit of 20,000 and 1,000 open
 * }
 *
 * @param downloads       how many downloads to have in flight at once: {@code wanted}, or fewer if the limit
 *                        says so, but not below {@value #FEWEST} (nor above {@code wanted})
 * @param wanted          how many were asked for
 * @param descriptorLimit the limit on open files
 * @param descriptorsOpen how many were open when the limit was computed
 * @param spare           how many of the rest are kept for other uses
 */
public record DownloadLimit(int downloads, int wanted, long descriptorLimit, long descriptorsOpen, long spare) {

    /** The fewest downloads at once that {@link #of} returns (unless fewer are wanted). */
    public static final int FEWEST = 10;

    private static final int PER_DOWNLOAD = 2;

    /**
     * Works out how many of {@code wanted} downloads fit.
     *
     * @param wanted          how many downloads at once the caller would like, at least 1
     * @param descriptorLimit the process's limit on open files, at least 1
     * @param descriptorsOpen how many it has open now, at least 0
     * @return the number that fits, with the figures behind it
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static DownloadLimit of(int wanted, long descriptorLimit, long descriptorsOpen) {
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted must be >= 1 but was " + wanted);
        }
        if (descriptorLimit < 1) {
            throw new IllegalArgumentException("descriptorLimit must be >= 1 but was " + descriptorLimit);
        }
        if (descriptorsOpen < 0) {
            throw new IllegalArgumentException("descriptorsOpen must be >= 0 but was " + descriptorsOpen);
        }
        long spare = Math.min(1_000, descriptorLimit / 4);
        long room = room(descriptorLimit, descriptorsOpen, spare);
        int downloads = (int) Math.min(wanted, Math.max(FEWEST, room));
        return new DownloadLimit(downloads, wanted, descriptorLimit, descriptorsOpen, spare);
    }

    private static long room(long limit, long open, long spare) {
        return Math.max(0, (limit - open - spare) / PER_DOWNLOAD);
    }

    /**
     * Whether the limit on open files, rather than the number wanted, set {@link #downloads()}.
     *
     * @return true if fewer than {@code wanted} fit
     */
    public boolean limitedByDescriptors() {
        return room(descriptorLimit, descriptorsOpen, spare) < wanted;
    }

    /** {@return a sentence saying how many downloads, and what set the number} */
    @Override
    public String toString() {
        long room = room(descriptorLimit, descriptorsOpen, spare);
        String figures = String.format(Locale.ROOT, "the limit of %,d open files (ulimit -n), with %,d open and %,d"
                + " kept spare, leaves room for %,d at %d descriptors each", descriptorLimit, descriptorsOpen, spare,
                room, PER_DOWNLOAD);
        if (!limitedByDescriptors()) {
            return String.format(Locale.ROOT, "%,d downloads at once, as asked: %s", downloads, figures);
        } else if (room >= FEWEST) {
            return String.format(Locale.ROOT, "%,d downloads at once, not the %,d asked: %s", downloads, wanted,
                    figures);
        }
        return String.format(Locale.ROOT, "%,d downloads at once, the fewest worth measuring, though %s; raise the"
                + " limit before starting Jupyter (ulimit -n 20000) if they fail with \"Too many open files\"",
                downloads, figures);
    }
}

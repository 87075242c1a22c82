package org.jcn.measure;

/**
 * Quick mode: one switch that shrinks every measurement so that a whole notebook runs in CI or on Binder in
 * about a minute.
 *
 * <p>It is on when the environment variable {@code JCN_QUICK} (or the system property {@code jcn.quick}) is
 * {@code 1} or {@code true}, and on Binder (which sets {@code BINDER_LAUNCH_HOST} and gives about one core);
 * {@code JCN_QUICK=0} turns it off even there. {@code ./test} turns it on. In quick mode a {@link Sweep} measures each point once,
 * stops one worker past the core count, and notebooks pick their smaller sizes through {@link #choose}.
 *
 * {@snippet :
 * long n = QuickMode.choose(2_000_000_000L, 100_000_000L);  // full size for readers, small for CI
 * }
 */
public final class QuickMode {

    private QuickMode() {
    }

    /**
     * Whether quick mode is on.
     *
     * @return true if {@code JCN_QUICK} or {@code jcn.quick} is {@code 1} or {@code true}, or on Binder unless
     *         one of them is {@code 0} or {@code false}
     */
    public static boolean isOn() {
        String property = System.getProperty("jcn.quick");
        String variable = System.getenv("JCN_QUICK");
        if (falsy(property) || falsy(variable)) {
            return false;
        }
        return truthy(property) || truthy(variable) || System.getenv("BINDER_LAUNCH_HOST") != null;
    }

    private static boolean falsy(String value) {
        return value != null && (value.equals("0") || value.equalsIgnoreCase("false"));
    }

    /**
     * Picks the full value normally and the quick value in quick mode.
     *
     * @param full  the value for a reader's run
     * @param quick the value for CI and Binder
     * @return {@code quick} if quick mode is on, otherwise {@code full}
     */
    public static long choose(long full, long quick) {
        return isOn() ? quick : full;
    }

    /**
     * Picks the full value normally and the quick value in quick mode.
     *
     * @param full  the value for a reader's run
     * @param quick the value for CI and Binder
     * @return {@code quick} if quick mode is on, otherwise {@code full}
     */
    public static int choose(int full, int quick) {
        return isOn() ? quick : full;
    }

    private static boolean truthy(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }
}

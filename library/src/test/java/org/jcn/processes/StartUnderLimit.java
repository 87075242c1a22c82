package org.jcn.processes;

/** Test support: starts pools of one child JVM until a start fails, and prints the failure (see ChildLimitTest). */
final class StartUnderLimit {

    private StartUnderLimit() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < 60; i++) {
            try {
                ProcessPool.newPool(1);
            } catch (RuntimeException e) {
                System.out.println("FAILED after " + i + ": " + e.getMessage());
                break;
            }
        }
        System.exit(0);   // the children see their stdin close and exit
    }
}

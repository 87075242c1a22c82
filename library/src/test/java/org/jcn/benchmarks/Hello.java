package org.jcn.benchmarks;

/** The baseline of {@link ChildStartBenchmark}: a plain JVM that prints one line. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}

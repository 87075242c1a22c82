/**
 * Child JVMs: run a task in a JVM of its own ({@link org.jcn.processes.ChildProcess}) or a function over many
 * inputs in a pool of reusable ones ({@link org.jcn.processes.ProcessPool}), the Java forms of Python's
 * {@code multiprocessing.Process} and {@code multiprocessing.Pool}.
 *
 * <p>Children run the caller's own {@code java} binary (the system property {@code jcn.processes.java} names
 * another) with the caller's class path; classes defined in notebook cells are fetched from the caller on
 * demand. Targets, arguments and results travel over the child's stdin and stdout: a lambda or method reference
 * as its implementation method and captured values, numbers, strings, primitive arrays and {@code ArrayList}s of
 * them as plain data, and anything else through Java serialization (which costs a fresh child some 15 to 30 ms
 * more: declare {@code serialVersionUID} in a class that travels). A child's stdout and stderr are copied into the
 * caller's current {@code System.out} and {@code System.err} as they are written. Children get fresh statics,
 * never the caller's state, and never outlive the caller.
 */
package org.jcn.processes;

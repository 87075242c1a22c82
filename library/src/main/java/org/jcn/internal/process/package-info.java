/**
 * Not API. Child JVMs: starting them, the channel to them, and the child's side of it.
 *
 * <p>Users: {@code org.jcn.processes} (and a sweep's warm pool in {@code org.jcn.internal.measure}) go through
 * two types only: {@link org.jcn.internal.process.ChildTasks}, the front door that encodes a target and its
 * arguments, picks the class loader and runs tasks on child JVMs, and {@link org.jcn.internal.process.ChildPool},
 * a set of reusable ones. A task then travels in one direction: {@code ChildTasks} →
 * {@code ChildJvm} (starts the JVM with {@code JvmCommand}'s command line, writes a {@code TaskFrame}) →
 * {@code ChildMain} in the child (reads the {@code TaskFrame}, decodes with {@code Codec}, answers). Classes the
 * child needs from notebook cells come back through {@code Loaders} and {@code RemoteClassLoader}.
 *
 * <p>Entry points: {@code ChildMain} is the main class of every child JVM; {@code Warmup} is run by
 * {@code kernel/install} and {@code ./bench} to make the children's start-up cache
 * ({@code java -cp <class path> org.jcn.internal.process.Warmup}, prints one line, exit code 0).
 */
@UsedBy({"org.jcn.processes", "org.jcn.internal.measure"})
package org.jcn.internal.process;

import org.jcn.internal.UsedBy;

/**
 * Threads as a notebook wants them: {@link org.jcn.threads.Threads} starts named platform or virtual threads that
 * belong to the calling cell, and {@link org.jcn.threads.ThreadPool} is a fixed pool whose tasks are futures. The
 * JDK's {@code Thread} and {@code ExecutorService} come first in the lessons; these add only the cell ownership.
 */
package org.jcn.threads;

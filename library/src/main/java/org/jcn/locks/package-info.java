/**
 * Deadlocks shown safely: {@link org.jcn.locks.Deadlocks} runs two threads into a lock-ordering deadlock on
 * purpose, finds it with the JDK's thread management bean, reports it ({@link org.jcn.locks.DeadlockReport}) and
 * ends the threads, so a lesson can show one without hanging its kernel.
 */
package org.jcn.locks;

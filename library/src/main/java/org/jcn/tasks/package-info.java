/**
 * Asynchronous tasks, the Java form of asyncio's tasks: {@link org.jcn.tasks.Tasks} starts work on virtual
 * threads as {@code CompletableFuture}s that a notebook cell waits for, with timeouts and gathering;
 * {@link org.jcn.tasks.Outcome} is one task's value or failure.
 */
package org.jcn.tasks;

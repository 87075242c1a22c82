/**
 * Not API. Which notebook cell started which work (threads, tasks, child JVMs, Python processes), so the kernel can
 * wait for a cell's work, stop it on interrupt, and report what is still running.
 *
 * <p>Users: the public packages register work they start ({@link org.jcn.internal.cell.CellWork#track}); the
 * project's kernel ({@code org.jcn.kernel}) names the cell of the calling thread (found through
 * {@link org.jcn.internal.Kernels}), waits for and cancels a cell's work. Nothing else: notebooks check what is
 * still running with the JDK's own means.
 */
@UsedBy({
    "org.jcn.kernel",
    "org.jcn.tasks",
    "org.jcn.threads",
    "org.jcn.internal.process",
    "org.jcn.internal.python",
    "org.jcn.internal.task"})
package org.jcn.internal.cell;

import org.jcn.internal.UsedBy;

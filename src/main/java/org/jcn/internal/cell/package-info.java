/**
 * Not API. Which notebook cell started which work (threads, tasks, child JVMs, Python processes), so the kernel can
 * wait for a cell's work, stop it on interrupt, and report what is still running.
 *
 * <p>Users: the public packages register work they start ({@link org.jcn.internal.cell.CellWork#track}); the
 * project's kernel ({@code org.jcn.kernel}) installs the owner of the calling thread, waits for and cancels a
 * cell's work. The kernel's own test notebook ({@code tests/notebooks/cell-output.ipynb}) reads
 * {@link org.jcn.internal.cell.CellWork#running()} to check that a cell left nothing running. Nothing else.
 */
package org.jcn.internal.cell;

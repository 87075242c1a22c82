/**
 * The project's Jupyter kernel ({@code java-concurrency}, installed by {@code kernel/install}): the Jupyter
 * protocol, cell evaluation with JShell, cell scope (which cell started which thread) and renderers.
 *
 * <p>Not a library API: notebooks see only {@link org.jcn.kernel.Notebook}'s display functions, which every cell
 * has statically imported. The library finds the kernel through {@link org.jcn.kernel.RunningKernel}, the provider
 * of {@code org.jcn.internal.Kernels.Provider} declared in {@code META-INF/services}; the kernel waits for and
 * cancels a cell's work through {@code org.jcn.internal.cell.CellWork}. Entry point: {@link org.jcn.kernel.KernelMain}, started by the
 * kernelspec.
 */
package org.jcn.kernel;

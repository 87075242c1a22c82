/**
 * The project's Jupyter kernel ({@code java-concurrency}, installed by {@code kernel/install}): the Jupyter
 * protocol, cell evaluation with JShell, cell scope (which cell started which thread) and renderers.
 *
 * <p>Not a library API, and not on the cells' compile class path or the class path of the child JVMs they start:
 * cells see the library alone, and their display functions are the library's ({@code org.jcn.display.Display},
 * statically imported in every cell). The library finds the kernel through {@link org.jcn.kernel.RunningKernel}, the
 * provider of {@code org.jcn.internal.Kernels.Provider} declared in this module's {@code META-INF/services}; the
 * kernel waits for and cancels a cell's work through {@code org.jcn.internal.cell.CellWork}. Entry point:
 * {@link org.jcn.kernel.KernelMain}, started by the kernelspec.
 */
package org.jcn.kernel;

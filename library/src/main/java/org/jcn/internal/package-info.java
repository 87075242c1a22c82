/**
 * Not API. The library's internals: nothing in {@code org.jcn.internal} or its subpackages is meant for notebooks
 * or for code outside this project, and any of it may change without notice. Lessons and readers use the public
 * packages ({@code org.jcn.threads}, {@code tasks}, {@code processes}, {@code measure}, {@code display},
 * {@code server}, {@code locks}, {@code python}).
 *
 * <p>This package holds {@link org.jcn.internal.Kernels}, through which the library finds the project's kernel
 * ({@code org.jcn.kernel}) and its display services: the kernel declares a {@link org.jcn.internal.Kernels.Provider}
 * in {@code META-INF/services}, and the library looks it up with {@link java.util.ServiceLoader} at first use.
 * Nothing is installed from outside.
 *
 * <p>Each internal package names the packages that may use it with {@link org.jcn.internal.UsedBy} on its
 * {@code package-info.java}; the tests fail on any other use ({@code ArchitectureTest}).
 */
@UsedBy({"org.jcn.internal.cell", "org.jcn.internal.measure", "org.jcn.measure", "org.jcn.display", "org.jcn.kernel"})
package org.jcn.internal;

/**
 * Not API. The library's internals: nothing in {@code org.jcn.internal} or its subpackages is meant for notebooks
 * or for code outside this project, and any of it may change without notice. Lessons and readers use the public
 * packages ({@code org.jcn.threads}, {@code tasks}, {@code processes}, {@code measure}, {@code display},
 * {@code server}, {@code locks}, {@code python}).
 *
 * <p>This package holds {@link org.jcn.internal.Kernels}, the one hook through which the project's kernel
 * ({@code org.jcn.kernel}) offers its display services to the library when it starts. Only the kernel installs it.
 */
package org.jcn.internal;

/**
 * Not API. The machinery under {@code org.jcn.python} and the Python mechanisms of {@code org.jcn.measure}:
 * finding interpreters, starting Python processes whose output reaches the calling cell, the warm worker
 * ({@code worker.py}) a sweep keeps, and the small JSON reader and writer their pipes speak.
 */
package org.jcn.internal.python;

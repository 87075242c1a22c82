/**
 * Not API. The machinery under {@code org.jcn.python} and the Python mechanisms of {@code org.jcn.measure}:
 * finding interpreters, starting Python processes whose output reaches the calling cell, the warm worker
 * ({@code worker.py}) a sweep keeps, and the JSON their pipes speak (gson,
 * set to read and write what Python's {@code json} module does).
 */
@UsedBy({"org.jcn.python", "org.jcn.measure"})
package org.jcn.internal.python;

import org.jcn.internal.UsedBy;

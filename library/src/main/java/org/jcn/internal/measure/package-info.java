/**
 * Not API. The machinery under {@code org.jcn.measure}: the summing loops of the workloads, a sweep's warm pools,
 * progress bars, lanes of timelines, Amdahl fits, CPU limits and the memory probe. Only {@code org.jcn.measure}
 * uses it; a sweep passes its warm pools to each run explicitly, never through shared state.
 */
@UsedBy({"org.jcn.measure"})
package org.jcn.internal.measure;

import org.jcn.internal.UsedBy;

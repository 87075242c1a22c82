/**
 * Not API. The house style of charts (colours, fonts, sizes, labels) and their rendering to PNG, and the one rule for escaping text in HTML, used by
 * {@code org.jcn.display} and by the charts of {@code org.jcn.measure}. Nothing else uses it.
 */
@UsedBy({"org.jcn.display", "org.jcn.measure", "org.jcn.internal.measure", "org.jcn.classroom"})
package org.jcn.internal.display;

import org.jcn.internal.UsedBy;

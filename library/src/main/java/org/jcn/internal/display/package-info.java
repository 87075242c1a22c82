/**
 * Not API. The house style of charts (colours, fonts, sizes, labels), their rendering to PNG, and the one rule for
 * escaping text in HTML: used by {@code org.jcn.display}, by the charts, tables and progress bars of
 * {@code org.jcn.measure} and by the class chart of {@code org.jcn.classroom}.
 */
@UsedBy({"org.jcn.display", "org.jcn.measure", "org.jcn.internal.measure", "org.jcn.classroom"})
package org.jcn.internal.display;

import org.jcn.internal.UsedBy;

/**
 * Not API. The house style of charts (colours, fonts, sizes, labels) and their rendering to PNG, used by
 * {@code org.jcn.display} and by the charts of {@code org.jcn.measure}. Nothing else uses it.
 */
package org.jcn.internal.display;

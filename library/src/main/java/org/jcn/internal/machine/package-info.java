/**
 * Not API. What machine this is: its CPUs and the limits that hold a process to fewer (quota, CPU set), and the
 * label charts and tables carry. The bottom of the library: it uses no other project package, so the measuring,
 * display and Python packages can all describe the machine without depending on one another.
 */
@UsedBy({"org.jcn.measure", "org.jcn.internal.measure", "org.jcn.display", "org.jcn.python"})
package org.jcn.internal.machine;

import org.jcn.internal.UsedBy;

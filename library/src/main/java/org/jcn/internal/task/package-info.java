/**
 * Not API. The task future behind {@code org.jcn.tasks} and {@code org.jcn.threads.ThreadPool}, and gathering many
 * futures into one. Only those two packages use it.
 */
@UsedBy({"org.jcn.tasks", "org.jcn.threads"})
package org.jcn.internal.task;

import org.jcn.internal.UsedBy;

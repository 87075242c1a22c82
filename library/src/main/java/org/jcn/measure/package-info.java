/**
 * Measuring concurrency on the reader's machine: {@link org.jcn.measure.Sweep} runs a
 * {@link org.jcn.measure.Workload} through several {@link org.jcn.measure.Mechanism}s and worker counts and returns
 * a {@link org.jcn.measure.SweepResult} (tables, charts, CSV); {@link org.jcn.measure.Timeline} records when each
 * task ran; {@link org.jcn.measure.Platform} and {@link org.jcn.measure.Footprint} describe the machine and what
 * threads and JVMs cost; {@link org.jcn.measure.QuickMode} shrinks sweeps for tests.
 */
package org.jcn.measure;

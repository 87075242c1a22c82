/**
 * Not API. The machinery under {@code org.jcn.server}: the latency server, a small HTTP/1.1 server of its own
 * (event loops over non-blocking sockets, a request parser, delays as timer-queue entries), its counters, and the
 * byte-counting body handler of {@code Downloads}. Only {@code org.jcn.server} uses it.
 *
 * <p>Why hand-written: the JDK's {@code com.sun.net.httpserver}, Jetty 12 and Netty 4.2 were measured beside it
 * ({@code LatencyServerBenchmark}, BENCHMARKS.md). None held the targets more reliably on a busy 2-core machine: its
 * server p99 for 10,000 concurrent downloads was the best or within 4 ms of it in every run, the JDK's server and
 * Jetty lost downloads, and each library costs a notebook's setup cell 2.6 to 3.6 times the classes and CPU time to
 * start; a library would also need most of the request checks here written again on top of it.
 */
@UsedBy({"org.jcn.server"})
package org.jcn.internal.server;

import org.jcn.internal.UsedBy;

/**
 * Not API. The machinery under {@code org.jcn.server}: the latency server, a small HTTP/1.1 server of its own
 * (event loops over non-blocking sockets, a request parser, delays as timer-queue entries), its counters, and the
 * byte-counting body handler of {@code Downloads}. Only {@code org.jcn.server} uses it.
 *
 * <p>The JDK's {@code com.sun.net.httpserver} was tried in its place and measured beside it in one run: 1,000
 * concurrent downloads took it 2.8x to 3.2x the delay (target 2.5x; this server 1.7x to 2.1x) and 10,000 three
 * to five times as long, on a 2-core machine (BENCHMARKS.md), so this server stays.
 */
@UsedBy({"org.jcn.server"})
package org.jcn.internal.server;

import org.jcn.internal.UsedBy;

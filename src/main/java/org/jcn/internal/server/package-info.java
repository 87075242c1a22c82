/**
 * Not API. The machinery under {@code org.jcn.server}: the latency server, a small HTTP/1.1 server of its own
 * (event loops over non-blocking sockets, a request parser, delays as timer-queue entries), its counters, and the
 * byte-counting body handler of {@code Downloads}. Only {@code org.jcn.server} uses it.
 *
 * <p>The JDK's {@code com.sun.net.httpserver} was tried in its place and measured beside it in one run: it kept
 * up with 1,000 concurrent downloads but not with 10,000 on a 2-core machine (BENCHMARKS.md), so this server
 * stays.
 */
package org.jcn.internal.server;

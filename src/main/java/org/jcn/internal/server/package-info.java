/**
 * Not API. The machinery under {@code org.jcn.server}: the latency server's request handling and counters, and the
 * byte-counting body handler of {@code Downloads}.
 */
package org.jcn.internal.server;

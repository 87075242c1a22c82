/**
 * An offline stand-in for slow web servers: {@link org.jcn.server.LatencyServer} answers every request on
 * 127.0.0.1 after a fixed delay, and {@link org.jcn.server.Downloads} fetches from it (or anywhere) with the JDK's
 * {@code HttpClient}, counting bytes; {@link org.jcn.server.DownloadLimit} says how many downloads from a server in
 * the same JVM the open-file limit allows in flight at once.
 */
package org.jcn.server;

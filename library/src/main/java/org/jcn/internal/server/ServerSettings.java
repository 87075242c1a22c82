package org.jcn.internal.server;

import java.time.Duration;

/**
 * What a latency server answers by default, and the most a query string may ask for.
 *
 * @param delay        the default delay before each response
 * @param bodyBytes    the default body size
 * @param maxDelay     the largest delay a request may ask for
 * @param maxBodyBytes the largest body a request may ask for
 */
public record ServerSettings(Duration delay, long bodyBytes, Duration maxDelay, long maxBodyBytes) {
}

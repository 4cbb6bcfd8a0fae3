package io.parley.server.http.limits;

import java.time.Duration;

/**
 * Limits of the HTTP listener (docs/security.md, "Limits").
 *
 * @param idleTimeout      how long a connection may send nothing: before its first request, between requests,
 *                         and while a request is read or answered. A parked event poll is exempt: while it is
 *                         parked its connection may stay silent until the poll's own timeout (up to 1800 s)
 * @param maxPerAddress    open connections one client address may hold; more are closed at once
 * @param maxHeaderBytes   request line and headers together (a longer URI is 414, longer headers 431)
 * @param capLoopback      whether {@code maxPerAddress} also applies to loopback clients. Off by default: on
 *                         loopback the client is a reverse proxy on the same host (every user's connections
 *                         arrive from it; it must cap per client itself) or a local tool such as the bench
 */
public record ConnectionLimits(Duration idleTimeout, int maxPerAddress, int maxHeaderBytes, boolean capLoopback) {

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(Duration.ofSeconds(30), 256, 8 * 1024, false);
    }
}

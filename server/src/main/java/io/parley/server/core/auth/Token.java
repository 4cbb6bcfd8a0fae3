package io.parley.server.core.auth;

import java.time.Instant;

/** An issued access token, known by its SHA-256 hash only. */
public record Token(String hash, String address, Instant expiresAt) {
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}

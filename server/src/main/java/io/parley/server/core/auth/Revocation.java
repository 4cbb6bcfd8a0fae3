package io.parley.server.core.auth;

import java.time.Instant;

/**
 * A user's credentials revoked at {@code revokedAt} (password changed, user removed): every token issued
 * before is void, and every application created before ends. {@code id} orders revocations.
 */
public record Revocation(long id, String address, Instant revokedAt) {}

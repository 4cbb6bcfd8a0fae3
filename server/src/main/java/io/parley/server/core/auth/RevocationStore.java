package io.parley.server.core.auth;

import java.time.Instant;
import java.util.List;

/**
 * The append-only log of revoked credentials. The {@code parley user} commands write it from their own
 * process; the running server reads it by increasing id on every sweeper tick, so a revocation takes effect
 * within a tick without any other channel between the two processes (the same works for servers sharing one
 * database).
 */
public interface RevocationStore {
    /**
     * Appends a revocation of {@code address} at {@code at} for {@code reason} (a {@link Revocation} constant),
     * and deletes the user's tokens, in one commit; when the address changes hands
     * ({@link Revocation#endsPresence}), also the user's stored presence.
     */
    void revoke(String address, String reason, Instant at);

    /** Revocations with an id above {@code afterId}, by increasing id. */
    List<Revocation> after(long afterId);
}

package io.parley.server.core.auth;

import java.time.Instant;

/**
 * A user's credentials revoked at {@code revokedAt}: every token issued before is void, and every application
 * created before ends. {@code id} orders revocations. When the address changed hands (the user was removed,
 * or added again), the user's presence choices (note, location, availability) go too.
 */
public record Revocation(long id, String address, String reason, Instant revokedAt) {
    public static final String PASSWORD_CHANGED = "password-changed";
    public static final String USER_REMOVED = "user-removed";
    public static final String USER_ADDED = "user-added";

    /** Whether the address changed hands, so that nothing of the old user may show to the new one. */
    public boolean endsPresence() {
        return reason.equals(USER_REMOVED) || reason.equals(USER_ADDED);
    }
}

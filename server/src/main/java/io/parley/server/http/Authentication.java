package io.parley.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.parley.server.core.auth.User;
import io.parley.server.http.discovery.Discovery;
import java.util.Optional;

/**
 * The bearer-token filter in front of every {@code /ucwa/} resource: a missing, unknown or expired token
 * gets 401 with the MsRtcOAuth challenge (protocol sheet §9.2), so clients know to sign in again.
 */
final class Authentication implements Handler {
    private final Services s;

    Authentication(Services s) {
        this.s = s;
    }

    @Override
    public void handle(Context ctx) {
        Optional<User> user = s.accounts().authenticate(Discovery.bearer(ctx));
        if (user.isEmpty()) {
            throw new Unauthorized(ctx.header("Authorization") == null
                    ? "An access token is required (Authorization: Bearer cwt=...)."
                    : "The access token is unknown or expired; get a new one.");
        }
        Caller.set(ctx, user.get());
    }

    /** Raised by the filter; answered with the challenge. */
    static final class Unauthorized extends RuntimeException {
        Unauthorized(String message) {
            super(message);
        }
    }
}

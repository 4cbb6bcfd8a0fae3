package io.parley.server.http.health;

import io.javalin.http.Context;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaError;
import io.parley.server.http.UcwaErrors;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}, for a load balancer's check: 200 while this server holds its store (on PostgreSQL, its
 * control connection and the lock on it), else 503 with a UCWA error and {@code Retry-After}, so the balancer
 * sends clients to another node. Needs no token and says nothing but up or down.
 */
public final class Health {
    private final BooleanSupplier storeHeld;

    public Health(BooleanSupplier storeHeld) {
        this.storeHeld = storeHeld;
    }

    public void check(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (storeHeld.getAsBoolean()) {
            ctx.contentType("application/json").result("{\"status\":\"up\"}");
        } else {
            ctx.header("Retry-After", "1");
            UcwaErrors.write(ctx, 503, UcwaError.of(ErrorCode.ServiceUnavailable, "StoreUnavailable",
                    "This server has lost its store; another server can take the request."));
        }
    }
}

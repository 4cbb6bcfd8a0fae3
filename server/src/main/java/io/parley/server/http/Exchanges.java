package io.parley.server.http;

import io.javalin.http.Context;

/**
 * Whether a request can still be answered. A parked poll can be completed after its client hung up and
 * Jetty recycled the request; writing to it then throws, and an error handler that throws again made
 * Javalin re-enter its error path in a loop. Everything that answers late asks here first.
 */
public final class Exchanges {
    private Exchanges() {}

    public static boolean gone(Context ctx) {
        try {
            ctx.req().getRequestURI();
            ctx.res().isCommitted();
            return false;
        } catch (RuntimeException recycled) {
            return true;
        }
    }
}

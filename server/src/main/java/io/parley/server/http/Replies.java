package io.parley.server.http;

import io.javalin.http.Context;
import io.parley.protocol.HalResource;
import io.parley.protocol.UcwaJson;

/**
 * How Parley answers. COMPAT: 201 and 204 carry no Content-Type at all (a JSON type on an empty body
 * crashes clients); JSON is {@code application/json; charset=utf-8} (tolerances, "Responses").
 */
public final class Replies {
    private Replies() {}

    public static void json(Context ctx, String json) {
        json(ctx, 200, json);
    }

    public static void json(Context ctx, int status, String json) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-cache");
        ctx.result(json);
        ctx.res().setHeader("Content-Type", UcwaJson.CONTENT_TYPE);
    }

    public static void resource(Context ctx, HalResource resource) {
        json(ctx, resource.toJson());
    }

    public static void created(Context ctx, String location) {
        ctx.status(201);
        ctx.header("Location", location);
        empty(ctx);
    }

    public static void noContent(Context ctx) {
        ctx.status(204);
        empty(ctx);
    }

    private static void empty(Context ctx) {
        ctx.result("");
        ctx.res().setContentType(null);
        ctx.attribute(EMPTY, Boolean.TRUE);
    }

    /** Marks an answer that must go out without a Content-Type (checked by the after-filter). */
    public static final String EMPTY = "parley.empty";

    /** After-filter: 201/204 without a body leave with no Content-Type at all. */
    public static void stripEmptyContentType(Context ctx) {
        if (!Exchanges.gone(ctx) && ctx.attribute(EMPTY) != null) { // a recycled request throws on attribute()
            ctx.res().setContentType(null);
            ctx.res().setHeader("Content-Type", null);
        }
    }
}

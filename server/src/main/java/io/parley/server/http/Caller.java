package io.parley.server.http;

import io.javalin.http.Context;
import io.parley.server.core.auth.User;

/** The signed-in user of a request, set by the authentication filter in front of every UCWA resource. */
public final class Caller {
    private static final String KEY = "parley.user";

    private Caller() {}

    static void set(Context ctx, User user) {
        ctx.attribute(KEY, user);
    }

    public static User user(Context ctx) {
        User user = ctx.attribute(KEY);
        if (user == null) {
            throw new IllegalStateException("no caller: route is outside the authenticated area");
        }
        return user;
    }

    /** The {@code {app}} path parameter: the application the request is about. */
    public static String app(Context ctx) {
        return ctx.pathParam("app");
    }
}

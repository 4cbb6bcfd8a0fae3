package io.parley.server.http;

import io.javalin.http.Context;

/**
 * The one base for absolute links (autodiscover, user, token, applications): the configured public URL,
 * else the scheme and Host the client used. COMPAT: never mix {@code localhost} with {@code 127.0.0.1}
 * (tolerances, "Responses").
 */
public final class BaseUrl {
    private final String configured;

    public BaseUrl(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : stripSlash(configured.trim());
    }

    public String of(Context ctx) {
        if (configured != null) {
            return configured;
        }
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            host = ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort();
            if (host.contains(":") && host.indexOf(':') != host.lastIndexOf(':')) {
                host = "[" + ctx.req().getLocalAddr() + "]:" + ctx.req().getLocalPort();
            }
        }
        return ctx.scheme() + "://" + host;
    }

    public String absolute(Context ctx, String path) {
        return of(ctx) + path;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.parley.server.http.discovery;

import io.javalin.http.Context;
import io.parley.protocol.HalResource;
import io.parley.server.core.auth.User;
import io.parley.server.http.Links;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;
import java.util.Optional;

/**
 * Autodiscover (protocol sheet §1.2, §1.5): the root with {@code user} and {@code xframe} links; the user
 * resource, which answers 401 with the MsRtcOAuth challenge until a token comes, then links to
 * {@code applications}; and a tiny XFrame page for browser clients.
 */
public final class Discovery {
    private final Services s;

    public Discovery(Services s) {
        this.s = s;
    }

    /** GET / and GET /Autodiscover/AutodiscoverService.svc/root. */
    public void root(Context ctx) {
        String host = hostOnly(ctx);
        Replies.json(ctx, HalResource.bare()
                .link("self", s.baseUrl().absolute(ctx, Links.ROOT + "?originalDomain=" + host))
                .link("user", s.baseUrl().absolute(ctx, Links.USER + "?originalDomain=" + host))
                .link("xframe", s.baseUrl().absolute(ctx, Links.XFRAME))
                .toJson());
    }

    /** GET and HEAD .../root/oauth/user (and .../root/user). COMPAT: HEAD answers like GET. */
    public void user(Context ctx) {
        Optional<User> user = s.accounts().authenticate(bearer(ctx));
        if (user.isEmpty()) {
            s.challenge().send(ctx, "Sign in at the token endpoint named in the WWW-Authenticate header.");
            return;
        }
        String json = HalResource.bare()
                .link("self", s.baseUrl().absolute(ctx, Links.ROOT + "/user"))
                .link("applications", s.baseUrl().absolute(ctx, Links.APPLICATIONS))
                .link("xframe", s.baseUrl().absolute(ctx, Links.XFRAME))
                .toJson();
        Replies.json(ctx, json);
        if (ctx.method().name().equals("HEAD")) {
            ctx.result("");
        }
    }

    /** GET /Autodiscover/XFrame/XFrame.html: browser clients load it; Parley needs no cross-domain proxy. */
    public void xframe(Context ctx) {
        ctx.contentType("text/html; charset=utf-8");
        ctx.result("<!DOCTYPE html><html><head><title>Parley XFrame</title></head><body></body></html>");
    }

    public static String bearer(Context ctx) {
        return bearer(ctx.header("Authorization"));
    }

    /** The token of an {@code Authorization: Bearer ...} header value, or null. */
    public static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }

    private String hostOnly(Context ctx) {
        String base = s.baseUrl().of(ctx);
        String host = base.substring(base.indexOf("://") + 3);
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }
}

package io.parley.server.http.auth;

import io.javalin.http.Context;
import io.parley.protocol.UcwaJson;
import io.parley.server.core.auth.Accounts;
import io.parley.server.http.Bodies;
import io.parley.server.http.Services;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * POST /WebTicket/oauthtoken (protocol sheet §1.4): the password grant. COMPAT: form-encoded with any
 * charset spelling or multipart; unknown fields ignored; usernames in three shapes (tolerances,
 * "Token endpoint"). Errors are OAuth's {@code {"error": ...}} with 400.
 */
public final class OAuthToken {
    private final Services s;

    public OAuthToken(Services s) {
        this.s = s;
    }

    public void post(Context ctx) {
        Map<String, String> form = form(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        String grantType = form.get("grant_type");
        if (grantType == null) {
            error(ctx, "invalid_request", "grant_type is required.");
            return;
        }
        if (!grantType.equals("password")) {
            error(ctx, "unsupported_grant_type", "Parley supports grant_type=password.");
            return;
        }
        if (form.get("username") == null || form.get("password") == null) {
            error(ctx, "invalid_request", "username and password are required.");
            return;
        }
        Optional<Accounts.Grant> grant = s.accounts().grant(form.get("username"), form.get("password"));
        if (grant.isEmpty()) {
            error(ctx, "invalid_grant", "The user name or password is incorrect.");
            return;
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("access_token", grant.get().accessToken());
        body.put("expires_in", grant.get().expiresInSeconds());
        body.put("ms_rtc_identityscope", "local");
        body.put("token_type", "Bearer");
        ctx.status(200).contentType(UcwaJson.CONTENT_TYPE).result(write(body));
    }

    private Map<String, String> form(Context ctx) {
        String type = Bodies.mediaType(ctx);
        Map<String, String> out = new HashMap<>();
        if (type != null && type.startsWith("multipart/")) {
            ctx.formParamMap().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    out.put(k.toLowerCase(Locale.ROOT), v.get(0));
                }
            });
            return out;
        }
        String body = new String(s.bodies().bytes(ctx), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(key, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: leave the field out, the grant then fails as invalid_request
            }
        }
        return out;
    }

    private static void error(Context ctx, String code, String description) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        ctx.status(400).contentType(UcwaJson.CONTENT_TYPE).result(write(body));
    }

    private static String write(Object body) {
        try {
            return UcwaJson.mapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
